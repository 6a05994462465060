using Dispatch.Durable.Client;

namespace Dispatch.Durable.Backend;

/// <summary>
/// Storage for the engine: small and batch-oriented, so that a Table Storage backend commits each
/// orchestration step with one entity-group transaction. Every backend must pass
/// <c>Dispatch.Durable.Tests.BackendConformanceTests</c>.
/// </summary>
/// <remarks>
/// <para><b>Model.</b> Each instance owns a partition (Table backend: PartitionKey = instance id) holding its
/// instance row, its history rows (RowKey = sequence number as 16-digit hex), its inbox messages, its
/// activity work items and its outbox. A work index (sharded, e.g. by a hash of the instance id) lists
/// what becomes due when, so <see cref="ClaimDueWorkAsync"/> never scans instances.</para>
/// <para><b>Time.</b> Backends take "now" from the <see cref="TimeProvider"/> they are constructed with;
/// a message with <see cref="OrchestrationMessage.DueAt"/> in the future is invisible until then. Timers of
/// any length are such due-time rows.</para>
/// <para><b>Leases.</b> An instance is claimed with its due messages under a lease (ETag-guarded in Tables):
/// while the lease is live no other claim returns that instance, so one instance runs on one host at a
/// time. A lease expires after the claim's lease duration if the host dies; an activity work item is
/// claimed the same way, independently of its instance. Messages that arrive for a leased instance wait for
/// the next claim.</para>
/// <para><b>Atomic steps.</b> <see cref="CommitStepAsync"/> checks the lease and the ETag, then writes the new
/// history, the instance row, new activity items, local messages (timers), the outbox and the deletion of
/// the consumed messages, all or nothing (Table backend: one batch, or several with a sentinel/instance row
/// written last when over 100 entities, so a reader never sees half a step). Outbound messages are
/// delivered after the commit and re-delivered by a sweeper if the host crashed in between.</para>
/// <para><b>De-duplication.</b> Delivery is idempotent per (target instance, message id): a message id the
/// target already received, pending or consumed, is dropped. Together with deterministic message ids this
/// makes every state transition exactly once although delivery is at least once.</para>
/// <para><b>Requests.</b> <see cref="StorageRequestCount"/> counts storage round trips (HTTP requests for
/// Tables, method calls for memory) so benchmarks can report requests per step and idle cost.</para>
/// </remarks>
public interface IOrchestrationBackend
{
    /// <summary>Gets the number of storage requests made so far.</summary>
    long StorageRequestCount { get; }

    /// <summary>Creates the storage (tables) if missing. Idempotent.</summary>
    Task EnsureCreatedAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an instance: a Pending row built with <see cref="InstanceRecord.FromStartMessage"/> and the
    /// start message in its inbox (due at the requested start), atomically. When an instance with that id
    /// exists: if its status is in <paramref name="dedupeStatuses"/> throw
    /// <see cref="OrchestrationAlreadyExistsException"/>; otherwise replace it (history, inbox, activity items
    /// and row; a running one is thereby terminated).
    /// </summary>
    Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers messages to instance inboxes (external events, terminate, suspend, resume from clients).
    /// Messages to unknown instances are dropped, except ExecutionStarted, which creates the instance when it
    /// does not exist or is terminal (and is dropped when a non-terminal instance exists). De-duplicates by message id.
    /// </summary>
    Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims work due now: up to <paramref name="maxInstances"/> unleased instances with due inbox messages
    /// (each with all its due messages, in arrival order) and up to <paramref name="maxActivities"/> due
    /// unleased activity items, each under a lease of <paramref name="leaseDuration"/> for
    /// <paramref name="owner"/>. Also reports when the next unclaimed work falls due. One storage request
    /// when idle.
    /// </summary>
    Task<WorkClaim> ClaimDueWorkAsync(string owner, int maxInstances, int maxActivities, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Loads an instance row and its current history, or null when the instance does not exist.</summary>
    Task<InstanceSnapshot?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits one step atomically (see <see cref="OrchestrationStepCommit"/>) and returns the new ETag; then
    /// delivers its outbound messages. Throws <see cref="OrchestrationConcurrencyException"/>, writing
    /// nothing, when the lease is no longer held or the ETag does not match.
    /// </summary>
    Task<string> CommitStepAsync(OrchestrationStepCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Releases an instance lease without consuming its messages; they become claimable again after <paramref name="delay"/>.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Deletes the claimed messages without a step and releases the lease (used when the instance no longer exists).</summary>
    Task DiscardOrchestrationMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes an activity: deletes the work item and delivers <paramref name="result"/> (TaskCompleted or
    /// TaskFailed) to the instance inbox, atomically. Returns false, writing nothing, when the item no longer
    /// exists or is leased by another claim (another host ran it; the result would be a duplicate).
    /// </summary>
    Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default);

    /// <summary>
    /// Extends a held activity lease to <paramref name="leaseDuration"/> from now, so a long activity is not
    /// taken over while it runs. Returns false when the lease is no longer held (it expired and another claim
    /// took the item, or the item is gone); the running activity's result will then be refused.
    /// </summary>
    Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default);

    /// <summary>Releases an activity lease; the item becomes claimable again after <paramref name="delay"/>.</summary>
    Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Gets an instance row, or null. Without payloads, input, output and custom status are null.</summary>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>
    /// Returns one page of instance rows matching <paramref name="query"/>, ordered by instance id, with a
    /// continuation token. Served from the instance rows and their indexes (name, status, tags, business
    /// keys), never from history.
    /// </summary>
    Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts matching instances per status (paging fields of the query ignored); absent statuses have no instance.</summary>
    Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default);

    /// <summary>Returns the current execution's history, oldest first; empty when the instance is unknown.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance with everything in its partition; false when unknown or not terminal.</summary>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes terminal instances matching <paramref name="filter"/>, within its time budget.</summary>
    Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default);
}
