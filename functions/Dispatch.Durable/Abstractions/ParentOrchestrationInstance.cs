namespace Dispatch.Durable;

/// <summary>The orchestration that started a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id when it scheduled the child; results go back to that execution.</param>
/// <param name="TaskScheduledId">The parent's task id for the child; the child's result completes that task.</param>
public sealed record ParentOrchestrationInstance(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
