using Dispatch.Durable;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Closes the assignment: outcome, end day, and the cadre's reservation released unless an extension keeps it.</summary>
[DurableTask(Name)]
internal sealed class FinishActivity(WorkflowRepository repository) : TaskActivity<FinishInput, bool>
{
    public const string Name = "Workflow.Finish";

    public override async Task<bool> RunAsync(TaskActivityContext context, FinishInput input)
    {
        var c = input.Context;
        await repository.UpdateAssignmentAsync(
            c.RoundId,
            c.AssignmentId,
            () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
            r => r with
            {
                Stage = AssignmentStage.Completed,
                Outcome = input.Outcome,
                EndedOn = DateOnly.FromDateTime(input.Now.ToOffset(LifecycleClock.LocalOffset).DateTime),
                FollowedByAssignmentId = input.FollowedBy ?? r.FollowedByAssignmentId,
                RecallReason = input.Outcome == AssignmentOutcome.Recalled ? input.Reason : r.RecallReason,
                NextAction = null,
                NextDueAt = null,
                UpdatedAt = input.Now,
            },
            context.CancellationToken);
        if (input.Release && c.CadreId is { } cadre)
        {
            await repository.ReleaseAsync(cadre, c.AssignmentId, context.CancellationToken);
        }

        return true;
    }
}
