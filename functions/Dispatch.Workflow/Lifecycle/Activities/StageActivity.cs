using Dispatch.Durable;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Moves the read model to a new stage with its next due action.</summary>
[DurableTask(Name)]
internal sealed class StageActivity(WorkflowRepository repository) : TaskActivity<StageInput, bool>
{
    public const string Name = "Workflow.Stage";

    public override async Task<bool> RunAsync(TaskActivityContext context, StageInput input)
    {
        var c = input.Context;
        await repository.UpdateAssignmentAsync(
            c.RoundId,
            c.AssignmentId,
            () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
            r => r with
            {
                Stage = input.Stage,
                NextAction = input.NextAction,
                NextDueAt = input.NextDueAt,
                DecisionNote = input.DecisionNote ?? r.DecisionNote,
                ProposedCadreId = input.Stage == AssignmentStage.Selection ? input.ProposedCadreId ?? r.ProposedCadreId : null,
                UpdatedAt = input.Now,
            },
            context.CancellationToken);
        return true;
    }
}
