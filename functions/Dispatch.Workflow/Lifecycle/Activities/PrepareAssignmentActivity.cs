using Dispatch.Durable;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Loads the round, village and outgoing secretary, writes the read model and makes the first proposal.</summary>
[DurableTask(Name)]
internal sealed class PrepareAssignmentActivity(WorkflowRepository repository, SelectionService selection, IOptionsMonitor<WorkflowPolicy> policy)
    : TaskActivity<PrepareInput, PrepareResult>
{
    public const string Name = "Workflow.PrepareAssignment";

    public override async Task<PrepareResult> RunAsync(TaskActivityContext context, PrepareInput input)
    {
        var ct = context.CancellationToken;
        var start = input.Start;
        var round = await repository.GetRoundAsync(start.RoundId, ct) ?? throw new ArgumentException($"Round '{start.RoundId}' does not exist.", nameof(input));
        var village = await repository.GetVillageAsync(start.VillageId, ct) ?? throw new ArgumentException($"Village '{start.VillageId}' does not exist.", nameof(input));
        var current = policy.CurrentValue;
        var settings = LifecycleSettings.From(current) with { TermMonths = round.TermMonths };

        string? outgoingCadreId = null;
        if (start.OutgoingAssignmentId is { } outgoingId && DomainIds.TryParseAssignmentId(outgoingId, out var outgoingRound, out _, out _))
        {
            outgoingCadreId = (await repository.GetAssignmentAsync(outgoingRound, outgoingId, ct))?.Value.CadreId;
        }
        else if (start.Generation == 1 && start.ReplacesAssignmentId is null && start.ContinuesAssignmentId is null)
        {
            outgoingCadreId = village.CurrentSecretaryCadreId;
        }

        var outgoing = outgoingCadreId is null ? null : await repository.GetCadreAsync(outgoingCadreId, ct);
        var assignmentContext = new AssignmentContext
        {
            AssignmentId = input.AssignmentId,
            RoundId = round.Id,
            RoundName = round.Name,
            RoundStartsOn = round.StartsOn,
            VillageId = village.Id,
            VillageName = village.Name,
            Township = village.Township,
            OutgoingAssignmentId = outgoing is null ? null : start.OutgoingAssignmentId,
            OutgoingCadreId = outgoing?.Id,
            OutgoingCadreName = outgoing?.Name,
            OutgoingCadreEmail = outgoing?.Email,
        };

        await repository.UpdateAssignmentAsync(
            round.Id,
            input.AssignmentId,
            () => new AssignmentRecord { Id = input.AssignmentId, RoundId = round.Id, VillageId = village.Id },
            r => r with
            {
                VillageName = village.Name,
                Township = village.Township,
                Generation = start.Generation,
                OutgoingAssignmentId = assignmentContext.OutgoingAssignmentId,
                OutgoingCadreId = assignmentContext.OutgoingCadreId,
                ContinuesAssignmentId = start.ContinuesAssignmentId,
                ReplacesAssignmentId = start.ReplacesAssignmentId,
                UpdatedAt = r.UpdatedAt == default ? new DateTimeOffset(input.Today.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : r.UpdatedAt,
            },
            ct);

        ProposalSummary? proposal = null;
        if (start.CadreId is null)
        {
            var asOf = round.StartsOn > input.Today ? round.StartsOn : input.Today;
            var evaluation = start.ProposedCadreId is { } proposed
                ? await selection.EvaluateAsync(current, village, proposed, asOf, input.AssignmentId, ct)
                : null;
            proposal = evaluation is { Eligible: true }
                ? await selection.SummarizeAsync(evaluation, ct)
                : await selection.ProposeAsync(current, village, asOf, input.AssignmentId, [], ct);
        }

        return new PrepareResult(assignmentContext, settings, proposal);
    }
}
