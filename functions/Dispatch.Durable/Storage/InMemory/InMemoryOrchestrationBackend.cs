using System.Globalization;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;

namespace Dispatch.Durable.Storage.InMemory;

/// <summary>
/// The in-memory backend: the reference implementation of <see cref="IOrchestrationBackend"/>, for tests,
/// the time-skipping test host and local runs. One lock; due work is indexed by time, so claims never scan.
/// </summary>
public sealed class InMemoryOrchestrationBackend : IOrchestrationBackend
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Instance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Activity> _activities = new(StringComparer.Ordinal);
    private readonly SortedSet<Due> _due = new(DueComparer.Instance);
    private readonly Queue<string> _readyInstances = new();
    private readonly HashSet<string> _readySet = new(StringComparer.Ordinal);
    private readonly Queue<Activity> _readyActivities = new();
    private long _sequence;
    private long _requests;

    /// <summary>Creates an empty backend on the given clock (the system clock by default).</summary>
    public InMemoryOrchestrationBackend(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public long StorageRequestCount => Interlocked.Read(ref _requests);

    /// <inheritdoc />
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        var record = InstanceRecord.FromStartMessage(startMessage, now);
        lock (_gate)
        {
            if (_instances.TryGetValue(startMessage.InstanceId, out var existing))
            {
                if (dedupeStatuses.Contains(existing.Record.RuntimeStatus))
                {
                    throw new OrchestrationAlreadyExistsException(startMessage.InstanceId, existing.Record.RuntimeStatus);
                }

                Remove(existing);
            }

            var instance = new Instance(record, NextETag());
            _instances[record.InstanceId] = instance;
            Enqueue(instance, startMessage, now);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            foreach (var message in messages)
            {
                Deliver(message, now);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<WorkClaim> ClaimDueWorkAsync(string owner, int maxInstances, int maxActivities, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        var orchestrations = new List<OrchestrationWorkItem>();
        var activities = new List<ActivityWorkItem>();
        lock (_gate)
        {
            PromoteDue(now);
            while (orchestrations.Count < maxInstances && _readyInstances.TryDequeue(out var id))
            {
                _readySet.Remove(id);
                if (!_instances.TryGetValue(id, out var instance) || instance.LeaseToken is not null)
                {
                    continue;
                }

                var due = instance.Inbox.Where(m => m.DueAt is null || m.DueAt <= now).ToList();
                if (due.Count == 0)
                {
                    continue;
                }

                instance.LeaseToken = NextToken();
                instance.LeaseExpiry = new Due(now + leaseDuration, Interlocked.Increment(ref _sequence), DueKind.InstanceLease, id, instance.LeaseToken);
                _due.Add(instance.LeaseExpiry);
                orchestrations.Add(new OrchestrationWorkItem(id, instance.LeaseToken, due));
            }

            while (activities.Count < maxActivities && _readyActivities.TryDequeue(out var activity))
            {
                if (activity.Removed || activity.LeaseToken is not null || !activity.Queued)
                {
                    continue;
                }

                activity.Queued = false;
                activity.LeaseToken = NextToken();
                activity.DequeueCount++;
                activity.LeaseExpiry = new Due(now + leaseDuration, Interlocked.Increment(ref _sequence), DueKind.ActivityLease, activity.Item.Id, activity.LeaseToken);
                _due.Add(activity.LeaseExpiry);
                activities.Add(activity.Item with { DequeueCount = activity.DequeueCount - 1, LeaseToken = activity.LeaseToken });
            }

            DateTimeOffset? next = _readyInstances.Count > 0 || _readyActivities.Count > 0 ? now : _due.Count > 0 ? _due.Min!.At : null;
            return Task.FromResult(new WorkClaim(orchestrations, activities, next));
        }
    }

    /// <inheritdoc />
    public Task<InstanceSnapshot?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance)
                ? new InstanceSnapshot(instance.Record, instance.History.ToArray(), ETagText(instance.ETag))
                : null);
        }
    }

    /// <inheritdoc />
    public Task<string> CommitStepAsync(OrchestrationStepCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var id = commit.WorkItem.InstanceId;
            if (!_instances.TryGetValue(id, out var instance) || instance.LeaseToken != commit.WorkItem.LeaseToken || ETagText(instance.ETag) != commit.ExpectedETag)
            {
                throw new OrchestrationConcurrencyException($"Instance '{id}' changed or its lease was lost; the step was not committed.");
            }

            var consumed = commit.WorkItem.Messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal);
            consumed.UnionWith(commit.CancelledMessageIds);
            RemoveMessages(instance, consumed);
            if (commit.ReplaceHistory)
            {
                instance.History.Clear();
            }

            instance.History.AddRange(commit.NewHistory);
            instance.Record = commit.Instance with { HistoryLength = instance.History.Count };
            instance.ETag = NextETag();
            foreach (var item in commit.NewActivities)
            {
                AddActivity(item);
            }

            foreach (var message in commit.LocalMessages)
            {
                Enqueue(instance, message, now);
            }

            if (!commit.KeepLease)
            {
                ReleaseLease(instance, now);
            }

            foreach (var message in commit.OutboundMessages)
            {
                Deliver(message, now);
            }

            return Task.FromResult(ETagText(instance.ETag));
        }
    }

    /// <inheritdoc />
    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_instances.TryGetValue(workItem.InstanceId, out var instance) && instance.LeaseToken == workItem.LeaseToken)
            {
                if (delay > TimeSpan.Zero)
                {
                    instance.LeaseToken = null;
                    RemoveDue(instance.LeaseExpiry);
                    instance.LeaseExpiry = null;
                    _due.Add(new Due(now + delay, Interlocked.Increment(ref _sequence), DueKind.Message, instance.Record.InstanceId, null));
                    instance.HeldUntil = now + delay;
                }
                else
                {
                    ReleaseLease(instance, now);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DiscardOrchestrationMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_instances.TryGetValue(workItem.InstanceId, out var instance) && instance.LeaseToken == workItem.LeaseToken)
            {
                RemoveMessages(instance, workItem.Messages.Select(m => m.MessageId).ToHashSet(StringComparer.Ordinal));
                ReleaseLease(instance, now);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Id, out var activity) || activity.LeaseToken != workItem.LeaseToken)
            {
                return Task.FromResult(false);
            }

            RemoveActivity(activity);
            Deliver(result, now);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Id, out var activity) || activity.LeaseToken is null || activity.LeaseToken != workItem.LeaseToken)
            {
                return Task.FromResult(false);
            }

            RemoveDue(activity.LeaseExpiry);
            activity.LeaseExpiry = new Due(now + leaseDuration, Interlocked.Increment(ref _sequence), DueKind.ActivityLease, activity.Item.Id, activity.LeaseToken);
            _due.Add(activity.LeaseExpiry);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        Interlocked.Increment(ref _requests);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_activities.TryGetValue(workItem.Id, out var activity) && activity.LeaseToken == workItem.LeaseToken)
            {
                activity.LeaseToken = null;
                RemoveDue(activity.LeaseExpiry);
                activity.LeaseExpiry = null;
                if (delay > TimeSpan.Zero)
                {
                    _due.Add(new Due(now + delay, Interlocked.Increment(ref _sequence), DueKind.Activity, activity.Item.Id, null));
                }
                else
                {
                    QueueActivity(activity);
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var instance) ? Shape(instance.Record, includePayloads) : null);
        }
    }

    /// <inheritdoc />
    public Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be between 1 and 1000.");
        }

        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            var matches = _instances.Values
                .Select(i => i.Record)
                .Where(r => Matches(r, query))
                .Where(r => query.ContinuationToken is null || string.CompareOrdinal(r.InstanceId, query.ContinuationToken) > 0)
                .OrderBy(r => r.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize + 1)
                .ToList();
            var more = matches.Count > query.PageSize;
            var page = matches.Take(query.PageSize).Select(r => Shape(r, query.FetchInputsAndOutputs)).ToList();
            return Task.FromResult(new InstanceQueryPage(page, more ? page[^1].InstanceId : null));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            IReadOnlyDictionary<OrchestrationRuntimeStatus, int> counts = _instances.Values
                .Select(i => i.Record)
                .Where(r => Matches(r, query))
                .GroupBy(r => r.RuntimeStatus)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(counts);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var instance) ? instance.History.ToArray() : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var instance) || !instance.Record.RuntimeStatus.IsTerminal())
            {
                return Task.FromResult(false);
            }

            Remove(instance);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Interlocked.Increment(ref _requests);
        lock (_gate)
        {
            var victims = _instances.Values
                .Where(i => i.Record.RuntimeStatus.IsTerminal())
                .Where(i => filter.Statuses is null || filter.Statuses.Contains(i.Record.RuntimeStatus))
                .Where(i => filter.CreatedFrom is null || i.Record.CreatedAt >= filter.CreatedFrom)
                .Where(i => filter.CreatedTo is null || i.Record.CreatedAt <= filter.CreatedTo)
                .ToList();
            foreach (var victim in victims)
            {
                Remove(victim);
            }

            return Task.FromResult(new PurgeResult(victims.Count));
        }
    }

    private static bool Matches(InstanceRecord r, OrchestrationQuery q) =>
        (q.Statuses is null || q.Statuses.Count == 0 || q.Statuses.Contains(r.RuntimeStatus))
        && (q.Name is null || string.Equals(q.Name, r.Name, StringComparison.OrdinalIgnoreCase))
        && (q.InstanceIdPrefix is null || r.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal))
        && (q.CreatedFrom is null || r.CreatedAt >= q.CreatedFrom)
        && (q.CreatedTo is null || r.CreatedAt <= q.CreatedTo)
        && (q.LastUpdatedFrom is null || r.LastUpdatedAt >= q.LastUpdatedFrom)
        && (q.LastUpdatedTo is null || r.LastUpdatedAt <= q.LastUpdatedTo)
        && (q.Tags is null || q.Tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
        && (q.BusinessKeys is null || q.BusinessKeys.All(k => r.BusinessKeys.TryGetValue(k.Key, out var v) && v == k.Value));

    private static InstanceRecord Shape(InstanceRecord record, bool includePayloads) =>
        includePayloads ? record : record with { Input = null, Output = null, CustomStatus = null };

    private static string ETagText(long etag) => etag.ToString(CultureInfo.InvariantCulture);

    private long NextETag() => Interlocked.Increment(ref _sequence);

    private string NextToken() => Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);

    private void Deliver(OrchestrationMessage message, DateTimeOffset now)
    {
        _instances.TryGetValue(message.InstanceId, out var instance);
        if (message.Event.EventType == HistoryEventType.ExecutionStarted && message.ExecutionId is null)
        {
            // A sub-orchestration start: creates the child unless a live instance with that id exists.
            if (instance is not null && (instance.Received.Contains(message.MessageId) || !instance.Record.RuntimeStatus.IsTerminal()))
            {
                return;
            }

            if (instance is not null)
            {
                Remove(instance);
            }

            instance = new Instance(InstanceRecord.FromStartMessage(message, now), NextETag());
            _instances[message.InstanceId] = instance;
            Enqueue(instance, message with { ExecutionId = message.Event.ExecutionId }, now);
            return;
        }

        if (instance is not null)
        {
            Enqueue(instance, message, now);
        }
    }

    private void Enqueue(Instance instance, OrchestrationMessage message, DateTimeOffset now)
    {
        if (!instance.Received.Add(message.MessageId))
        {
            return;
        }

        instance.Inbox.Add(message);
        if (message.DueAt is { } at && at > now)
        {
            var due = new Due(at, Interlocked.Increment(ref _sequence), DueKind.Message, instance.Record.InstanceId, message.MessageId);
            instance.FutureMessages[message.MessageId] = due;
            _due.Add(due);
        }
        else
        {
            MarkReady(instance);
        }
    }

    private void RemoveMessages(Instance instance, HashSet<string> ids)
    {
        instance.Inbox.RemoveAll(m => ids.Contains(m.MessageId));
        foreach (var id in ids)
        {
            if (instance.FutureMessages.Remove(id, out var due))
            {
                _due.Remove(due);
            }
        }
    }

    private void MarkReady(Instance instance)
    {
        if (instance.LeaseToken is null && _readySet.Add(instance.Record.InstanceId))
        {
            _readyInstances.Enqueue(instance.Record.InstanceId);
        }
    }

    private void ReleaseLease(Instance instance, DateTimeOffset now)
    {
        instance.LeaseToken = null;
        RemoveDue(instance.LeaseExpiry);
        instance.LeaseExpiry = null;
        if (instance.HeldUntil is { } held && held > now)
        {
            return;
        }

        if (instance.Inbox.Any(m => m.DueAt is null || m.DueAt <= now))
        {
            MarkReady(instance);
        }
    }

    private void RemoveDue(Due? due)
    {
        if (due is not null)
        {
            _due.Remove(due);
        }
    }

    private void PromoteDue(DateTimeOffset now)
    {
        while (_due.Count > 0 && _due.Min!.At <= now)
        {
            var due = _due.Min;
            _due.Remove(due);
            switch (due.Kind)
            {
                case DueKind.Message when _instances.TryGetValue(due.Key, out var instance):
                    if (due.Token is not null)
                    {
                        instance.FutureMessages.Remove(due.Token);
                    }

                    if (instance.HeldUntil is { } held && held <= now)
                    {
                        instance.HeldUntil = null;
                    }

                    if (instance.HeldUntil is null)
                    {
                        MarkReady(instance);
                    }

                    break;
                case DueKind.InstanceLease when _instances.TryGetValue(due.Key, out var leased) && leased.LeaseToken == due.Token:
                    leased.LeaseExpiry = null;
                    ReleaseLease(leased, now);
                    break;
                case DueKind.Activity when _activities.TryGetValue(due.Key, out var activity) && activity.LeaseToken is null:
                    QueueActivity(activity);
                    break;
                case DueKind.ActivityLease when _activities.TryGetValue(due.Key, out var leasedActivity) && leasedActivity.LeaseToken == due.Token:
                    leasedActivity.LeaseToken = null;
                    leasedActivity.LeaseExpiry = null;
                    QueueActivity(leasedActivity);
                    break;
                default:
                    break;
            }
        }
    }

    private void AddActivity(ActivityWorkItem item)
    {
        if (_activities.ContainsKey(item.Id))
        {
            return;
        }

        var activity = new Activity(item);
        _activities[item.Id] = activity;
        QueueActivity(activity);
    }

    private void QueueActivity(Activity activity)
    {
        if (!activity.Queued)
        {
            activity.Queued = true;
            _readyActivities.Enqueue(activity);
        }
    }

    private void RemoveActivity(Activity activity)
    {
        activity.Removed = true;
        _activities.Remove(activity.Item.Id);
        RemoveDue(activity.LeaseExpiry);
    }

    private void Remove(Instance instance)
    {
        _instances.Remove(instance.Record.InstanceId);
        RemoveDue(instance.LeaseExpiry);
        foreach (var due in instance.FutureMessages.Values)
        {
            _due.Remove(due);
        }

        foreach (var activity in _activities.Values.Where(a => a.Item.InstanceId == instance.Record.InstanceId).ToList())
        {
            RemoveActivity(activity);
        }
    }

    private enum DueKind
    {
        Message,
        InstanceLease,
        Activity,
        ActivityLease,
    }

    private sealed record Due(DateTimeOffset At, long Sequence, DueKind Kind, string Key, string? Token);

    private sealed class DueComparer : IComparer<Due>
    {
        public static DueComparer Instance { get; } = new();

        public int Compare(Due? x, Due? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var byTime = x.At.CompareTo(y.At);
            return byTime != 0 ? byTime : x.Sequence.CompareTo(y.Sequence);
        }
    }

    private sealed class Instance(InstanceRecord record, long etag)
    {
        public InstanceRecord Record { get; set; } = record;

        public long ETag { get; set; } = etag;

        public List<HistoryEvent> History { get; } = [];

        public List<OrchestrationMessage> Inbox { get; } = [];

        public HashSet<string> Received { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Due> FutureMessages { get; } = new(StringComparer.Ordinal);

        public string? LeaseToken { get; set; }

        public Due? LeaseExpiry { get; set; }

        public DateTimeOffset? HeldUntil { get; set; }
    }

    private sealed class Activity(ActivityWorkItem item)
    {
        public ActivityWorkItem Item { get; } = item;

        public string? LeaseToken { get; set; }

        public Due? LeaseExpiry { get; set; }

        public int DequeueCount { get; set; }

        public bool Queued { get; set; }

        public bool Removed { get; set; }
    }
}
