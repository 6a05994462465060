namespace Dispatch.Durable.Backend;

/// <summary>
/// Everything one orchestration step changes, committed atomically by
/// <see cref="IOrchestrationBackend.CommitStepAsync"/>. Everything except <see cref="OutboundMessages"/>
/// lives in the instance's own partition, so a Table backend writes it in one entity-group transaction.
/// </summary>
public sealed record OrchestrationStepCommit
{
    /// <summary>Gets the claimed work item: its lease must still be held, and its messages are consumed (deleted, their ids remembered for de-duplication).</summary>
    public required OrchestrationWorkItem WorkItem { get; init; }

    /// <summary>Gets the ETag of the snapshot the step was computed from; a mismatch fails the commit with <see cref="OrchestrationConcurrencyException"/>.</summary>
    public required string ExpectedETag { get; init; }

    /// <summary>Gets the new instance row.</summary>
    public required InstanceRecord Instance { get; init; }

    /// <summary>Gets whether <see cref="NewHistory"/> replaces the whole history (continue-as-new, re-creation) instead of being appended.</summary>
    public bool ReplaceHistory { get; init; }

    /// <summary>Gets the history events to append (sequence numbers continue from the stored history's length).</summary>
    public IReadOnlyList<HistoryEvent> NewHistory { get; init; } = [];

    /// <summary>Gets activity work items to create.</summary>
    public IReadOnlyList<ActivityWorkItem> NewActivities { get; init; } = [];

    /// <summary>Gets messages to this same instance (durable timers with their due time, the start of a continued execution, carried-over events).</summary>
    public IReadOnlyList<OrchestrationMessage> LocalMessages { get; init; } = [];

    /// <summary>
    /// Gets messages to other instances (sub-orchestration starts, results to a parent, sent events,
    /// recursive terminates). Stored in the sender's outbox within the commit, delivered after it, and
    /// re-delivered by a sweeper after a crash; receivers de-duplicate by message id.
    /// </summary>
    public IReadOnlyList<OrchestrationMessage> OutboundMessages { get; init; } = [];

    /// <summary>Gets ids of this instance's pending messages (cancelled timers) to delete if still present; missing ids are ignored.</summary>
    public IReadOnlyList<string> CancelledMessageIds { get; init; } = [];

    /// <summary>Gets whether the worker keeps the lease after the commit to run the next step right away; released otherwise.</summary>
    public bool KeepLease { get; init; }
}
