namespace Dispatch.Durable.Backend;

/// <summary>
/// A message to an instance's inbox: a start, an activity result, a timer, an external event, a child's
/// result, or a terminate/suspend/resume. Its <see cref="Event"/> is appended to history when consumed.
/// </summary>
public sealed record OrchestrationMessage
{
    /// <summary>
    /// Gets the message id, unique per target instance. Backends de-duplicate on it: a message whose id the
    /// instance already received (pending or consumed) is dropped, so re-dispatch after a crash is harmless.
    /// Ids of messages produced by orchestration steps are deterministic (derived from execution id and task id).
    /// </summary>
    public required string MessageId { get; init; }

    /// <summary>Gets the target instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the target execution, or null for any (external events, management messages). The worker drops results addressed to an execution that is no longer current.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>Gets when the message becomes visible (timers, delayed starts); immediately when null.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>Gets the event.</summary>
    public required HistoryEvent Event { get; init; }
}
