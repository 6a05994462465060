using Dispatch.Durable;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// One first secretary's assignment, from selection to rotation (see <see cref="LifecycleRun"/>). The
/// instance id is the assignment id, derived from round and village (<see cref="DomainIds.AssignmentId"/>).
/// </summary>
[DurableTask(Name)]
internal sealed class AssignmentOrchestrator : TaskOrchestrator<LifecycleState, AssignmentOutcome>
{
    public const string Name = "AssignmentLifecycle";

    public override Task<AssignmentOutcome> RunAsync(TaskOrchestrationContext context, LifecycleState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return new LifecycleRun(context, input).RunAsync();
    }
}
