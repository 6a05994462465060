using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Starts the next assignment in the village's slot (extension, successor or replacement); a repeat finds it started.</summary>
[DurableTask(Name)]
internal sealed class FollowUpActivity(WorkflowRepository repository, DurableTaskClient client) : TaskActivity<FollowUpInput, string>
{
    public const string Name = "Workflow.FollowUp";

    public override async Task<string> RunAsync(TaskActivityContext context, FollowUpInput input)
    {
        var c = input.Context;
        var id = DomainIds.AssignmentId(c.RoundId, c.VillageId, input.Generation);
        var start = input.Kind switch
        {
            FollowUpKind.Extension => new AssignmentStart { RoundId = c.RoundId, VillageId = c.VillageId, Generation = input.Generation, CadreId = c.CadreId, ContinuesAssignmentId = c.AssignmentId, TermStart = input.TermStart },
            FollowUpKind.Successor => new AssignmentStart { RoundId = c.RoundId, VillageId = c.VillageId, Generation = input.Generation, OutgoingAssignmentId = c.AssignmentId, TermStart = input.TermStart },
            _ => new AssignmentStart { RoundId = c.RoundId, VillageId = c.VillageId, Generation = input.Generation, ReplacesAssignmentId = c.AssignmentId, TermEnd = input.TermEnd },
        };
        await repository.UpdateAssignmentAsync(
            c.RoundId,
            c.AssignmentId,
            () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
            r => r with { FollowedByAssignmentId = id },
            context.CancellationToken);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                AssignmentOrchestrator.Name,
                new LifecycleState { Start = start },
                new StartOrchestrationOptions(id),
                context.CancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // A retried activity: the follow-up is already running.
        }

        return id;
    }
}
