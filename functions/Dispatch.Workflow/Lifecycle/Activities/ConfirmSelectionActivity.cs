using Dispatch.Durable;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Holds the chosen cadre for the assignment (ETag-guarded) and records the selection.</summary>
[DurableTask(Name)]
internal sealed class ConfirmSelectionActivity(WorkflowRepository repository) : TaskActivity<ConfirmInput, ConfirmResult>
{
    public const string Name = "Workflow.ConfirmSelection";

    public override async Task<ConfirmResult> RunAsync(TaskActivityContext context, ConfirmInput input)
    {
        var ct = context.CancellationToken;
        var c = input.Context;
        if (input.TransferFrom is { } from)
        {
            if (!await repository.TransferReservationAsync(input.CadreId, from, c.AssignmentId, input.Now, ct))
            {
                return new ConfirmResult(false, await repository.GetReservationHolderAsync(input.CadreId, ct), c);
            }
        }
        else
        {
            var reservation = await repository.TryReserveAsync(input.CadreId, c.AssignmentId, input.Now, ct);
            if (!reservation.Succeeded)
            {
                return new ConfirmResult(false, reservation.HeldBy, c);
            }
        }

        var cadre = await repository.GetCadreAsync(input.CadreId, ct) ?? throw new ArgumentException($"Cadre '{input.CadreId}' does not exist.", nameof(input));
        var unit = await repository.GetUnitAsync(cadre.Unit, ct);
        var next = c with { CadreId = cadre.Id, CadreName = cadre.Name, CadreEmail = cadre.Email, UnitId = cadre.Unit, UnitName = unit?.Name ?? cadre.Unit };
        await repository.UpdateAssignmentAsync(
            c.RoundId,
            c.AssignmentId,
            () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
            r => r with
            {
                CadreId = cadre.Id,
                CadreName = cadre.Name,
                ProposedCadreId = null,
                SelectionNote = input.Note,
                OverrideReason = input.OverrideReason,
                OverriddenWarnings = input.OverriddenWarnings,
                Stage = AssignmentStage.Appointment,
                UpdatedAt = input.Now,
            },
            ct);
        return new ConfirmResult(true, null, next);
    }
}
