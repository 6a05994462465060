namespace Dispatch.Durable;

/// <summary>What a custom retry handler sees after a failed attempt.</summary>
/// <param name="OrchestrationContext">The orchestration; use it for timers or status.</param>
/// <param name="LastAttemptNumber">The 1-based number of the attempt that just failed.</param>
/// <param name="LastFailure">The failure of that attempt.</param>
/// <param name="TotalRetryTime">Orchestration time since the first attempt.</param>
/// <param name="CancellationToken">Cancelled when the orchestration gives up on the task.</param>
public sealed record RetryContext(TaskOrchestrationContext OrchestrationContext, int LastAttemptNumber, TaskFailureDetails LastFailure, TimeSpan TotalRetryTime, CancellationToken CancellationToken);
