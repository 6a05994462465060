using Azure;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <content>Claims, steps, releases and activities.</content>
public sealed partial class TableOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<WorkClaim> ClaimDueWorkAsync(string owner, int maxInstances, int maxActivities, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        await AwaitIndexWritesBehindAsync();
        var now = _time.GetUtcNow();
        var nowTicks = now.UtcTicks;
        var local = TakeLocalWork(owner, maxInstances, maxActivities, leaseDuration);
        if (!local.QueryIndex)
        {
            return new WorkClaim(local.Orchestrations, local.Activities, now);
        }

        maxInstances -= local.Orchestrations.Count;
        maxActivities -= local.Activities.Count;
        await SweepIfDueAsync(now, cancellationToken);

        var horizon = (now + _options.ClaimLookahead).UtcTicks;
        // The first claim also reads due rows beyond the look-ahead, to learn when they fall due.
        var firstClaim = !_farDueLoaded;
        // Live lease markers are not read: with many instances in flight they would outnumber the due rows.
        // A due row of an instance leased elsewhere loses the lease race in AcquireAsync and is left alone.
        var expired = $"(RowKey ge '~' and ExpiresTicks le {Invariant(nowTicks)}L)";
        var filter = firstClaim ? $"RowKey lt ':' or {expired}" : $"RowKey lt '{TableKeys.DueBound(horizon)}' or {expired}";
        var rows = await QueryAllAsync(_index, filter, MaxClaimRows, null, cancellationToken);

        long? next = null;
        void Next(long ticks) => next = next is { } n && n <= ticks ? n : ticks;

        var instanceMarkers = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var activityMarkers = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var dueMessages = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var dueActivities = new List<TableEntity>();
        foreach (var row in rows)
        {
            if (row.RowKey.StartsWith(TableKeys.InstanceLeasePrefix, StringComparison.Ordinal))
            {
                instanceMarkers[row.GetString("InstanceId")!] = row;
            }
            else if (row.RowKey.StartsWith(TableKeys.ActivityLeasePrefix, StringComparison.Ordinal))
            {
                activityMarkers[row.RowKey] = row;
            }
            else if (row.RowKey.Length > 19 && char.IsAsciiDigit(row.RowKey[0]))
            {
                var due = TableKeys.PositionTicks(row.RowKey);
                if (due > horizon)
                {
                    RememberFarDue(TableKeys.PositionOf(row.RowKey));
                }
                else if (due > nowTicks)
                {
                    Next(due);
                }
                else if (row.GetString("Kind") == "A")
                {
                    dueActivities.Add(row);
                }
                else
                {
                    var id = row.GetString("InstanceId")!;
                    if (!dueMessages.TryGetValue(id, out var list))
                    {
                        dueMessages[id] = list = [];
                    }

                    list.Add(row);
                }
            }
        }

        if (rows.Count >= MaxClaimRows)
        {
            Next(nowTicks);
        }

        // Instances: skip those under a live lease; take over expired leases (the holder died or gave up).
        var instancePlans = new List<ClaimPlan>();
        foreach (var (id, marker) in instanceMarkers)
        {
            var expires = Ticks(marker, "ExpiresTicks");
            if (expires > nowTicks)
            {
                Next(expires);
                dueMessages.Remove(id);
                continue;
            }

            dueMessages.Remove(id, out var due);
            instancePlans.Add(new ClaimPlan(id, await ShardAsync(id, cancellationToken), due ?? [], marker, null));
        }

        // Leases this host holds end when it releases them or at their expiry, which is due time too.
        var heldHere = _instanceLeases.Values.Where(l => l.ExpiresTicks > nowTicks).Select(l => l.InstanceId).ToHashSet(StringComparer.Ordinal);
        foreach (var expiresTicks in _instanceLeases.Values.Select(l => l.ExpiresTicks).Concat(_activityLeases.Values.Select(l => Ticks(l.Marker, "ExpiresTicks"))))
        {
            // A lease already over is a stale entry (its marker is read as expired and taken over): no wake-up for it.
            if (expiresTicks > nowTicks)
            {
                Next(expiresTicks);
            }
        }

        foreach (var (id, due) in dueMessages)
        {
            if (heldHere.Contains(id))
            {
                // This host is running the instance: the next claim after its release picks these up.
                _dueBehindLocalLease[id] = 0;
                continue;
            }

            if (IsBusy(id, nowTicks, out var until))
            {
                Next(until);
                continue;
            }

            instancePlans.Add(new ClaimPlan(id, await ShardAsync(id, cancellationToken), due, null, null));
        }

        if (instancePlans.Count > maxInstances)
        {
            instancePlans = instancePlans.Take(maxInstances).ToList();
            Next(nowTicks);
        }

        foreach (var plan in instancePlans)
        {
            if (plan.DueRows.Count > _options.MaxMessagesPerInstance)
            {
                plan.DueRows.RemoveRange(_options.MaxMessagesPerInstance, plan.DueRows.Count - _options.MaxMessagesPerInstance);
                Next(nowTicks);
            }
        }

        var activityPlans = new List<ClaimPlan>();
        foreach (var row in dueActivities)
        {
            var id = row.GetString("InstanceId")!;
            var markerKey = TableKeys.ActivityLease(id, row.GetString("ItemId")!);
            if (activityMarkers.TryGetValue(markerKey, out var marker))
            {
                // A duplicate due row (sweeper) of a leased activity: leave it until the lease ends.
                Next(Math.Max(Ticks(marker, "ExpiresTicks"), nowTicks));
                continue;
            }

            if (IsBusy(markerKey, nowTicks, out var until))
            {
                Next(until);
                continue;
            }

            activityPlans.Add(new ClaimPlan(id, await ShardAsync(id, cancellationToken), [row], null, row));
        }

        foreach (var marker in activityMarkers.Values)
        {
            var expires = Ticks(marker, "ExpiresTicks");
            if (expires > nowTicks)
            {
                Next(expires);
                continue;
            }

            var id = marker.GetString("InstanceId")!;
            activityPlans.Add(new ClaimPlan(id, await ShardAsync(id, cancellationToken), [], marker, marker));
        }

        if (activityPlans.Count > maxActivities)
        {
            activityPlans = activityPlans.Take(maxActivities).ToList();
            Next(nowTicks);
        }

        // Work beyond the look-ahead: known from what this host wrote and from its first claim.
        _farDueLoaded = true;

        lock (_farDue)
        {
            _farDue.RemoveWhere(p => TableKeys.PositionTicks(p) <= horizon);
            if (_farDue.Count > 0)
            {
                Next(TableKeys.PositionTicks(_farDue.Min!));
            }
        }

        await MaterializeCarriedAsync(instancePlans, cancellationToken);
        var expiry = nowTicks + leaseDuration.Ticks;
        var granted = await AcquireAsync(instancePlans.Concat(activityPlans).ToList(), owner, expiry, cancellationToken);
        foreach (var plan in instancePlans.Concat(activityPlans))
        {
            if (plan.BusyUntil is { } busyUntil)
            {
                Next(busyUntil);
            }
        }

        var orchestrations = new List<OrchestrationWorkItem>();
        var activities = new List<ActivityWorkItem>();
        var loads = new List<Task>();
        foreach (var plan in granted)
        {
            if (plan.Activity is not null)
            {
                loads.Add(BuildActivityAsync(plan, activities, cancellationToken));
            }
            else
            {
                loads.Add(BuildOrchestrationAsync(plan, now, orchestrations, cancellationToken));
            }
        }

        await Task.WhenAll(loads);
        orchestrations.Sort((a, b) => string.CompareOrdinal(a.InstanceId, b.InstanceId));
        orchestrations.AddRange(local.Orchestrations);
        activities.AddRange(local.Activities);
        if (next is { } soon && soon <= nowTicks)
        {
            // Due work was left in the index (claim limits): the next claim must query again.
            _indexDirty = true;
        }

        return new WorkClaim(orchestrations, activities, next is { } t ? new DateTimeOffset(Math.Max(t, nowTicks), TimeSpan.Zero) : null);
    }

    /// <inheritdoc />
    public async Task<string> CommitStepAsync(OrchestrationStepCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var item = commit.WorkItem;
        var id = item.InstanceId;
        if (!_instanceLeases.TryGetValue(item.LeaseToken, out var lease) || lease.InstanceId != id)
        {
            throw new OrchestrationConcurrencyException($"The lease on instance '{id}' is no longer held; the step was not committed.");
        }

        if (!commit.ExpectedETag.StartsWith("W/\"", StringComparison.Ordinal) || !commit.ExpectedETag.EndsWith('"'))
        {
            throw new OrchestrationConcurrencyException($"ETag '{commit.ExpectedETag}' of instance '{id}' is not one this backend issued; the step was not committed.");
        }

        var now = _time.GetUtcNow();
        var pk = TableKeys.Partition(id);
        _known.TryGetValue(id, out var known);
        var start = commit.ReplaceHistory ? 0
            : known is not null && known.ETag == commit.ExpectedETag ? known.HistoryLength
            : commit.Instance.HistoryLength - commit.NewHistory.Count;
        var length = start + commit.NewHistory.Count;
        var record = commit.Instance with { HistoryLength = length };
        var mark = new CommitMark(record.ExecutionId, length);

        // Rows that may precede the sentinel when the step is split: invisible until the instance row says so.
        // Replacing history overwrites the current execution's rows, so those go with the sentinel instead:
        // a crash between the batches must leave the current history intact.
        var early = new List<BatchAction>();
        var replaced = new List<BatchAction>();
        foreach (var row in HistoryRows(pk, id, record.ExecutionId, start, commit.NewHistory))
        {
            (commit.ReplaceHistory ? replaced : early).Add(Upsert(row));
        }

        var dueRows = new List<BatchAction>();
        var shard = lease.Shard;
        var produced = new List<(ActivityWorkItem Activity, TableEntity Marker)>();
        foreach (var activity in commit.NewActivities)
        {
            var position = TableKeys.Position(now.UtcTicks, Interlocked.Increment(ref _sequence));
            var row = new TableEntity(pk, TableKeys.Activity(activity.Id)) { ["IndexPos"] = position, ["WrittenTicks"] = now.UtcTicks };
            mark.Apply(row);
            TablePayloads.Write(row, "Data", TablePayloads.ToJson(activity with { LeaseToken = null, DequeueCount = 0 }), id, $"input of activity '{activity.Name}' (task {activity.TaskId})");
            early.Add(Upsert(row));
            if (ProducedActivityMarker(shard, activity, now) is { } marker)
            {
                produced.Add((activity, marker));
                dueRows.Add(Upsert(marker));
            }
            else
            {
                dueRows.Add(Upsert(ActivityDueEntity(shard, activity, position, 0)));
            }
        }

        foreach (var message in commit.LocalMessages)
        {
            var (received, pending, position) = MessageRows(pk, message, now, mark);
            early.Add(Upsert(received));
            early.Add(Upsert(pending));
            dueRows.Add(Upsert(DueEntity(shard, message, position)));
        }

        foreach (var message in commit.OutboundMessages)
        {
            var row = new TableEntity(pk, TableKeys.Outbox(message.InstanceId, message.MessageId)) { ["WrittenTicks"] = now.UtcTicks };
            mark.Apply(row);
            TablePayloads.Write(row, "Data", TablePayloads.ToJson(message), id, $"message '{message.MessageId}' to instance '{message.InstanceId}'");
            early.Add(Upsert(row));
        }

        // The sentinel batch: consumption of the claimed messages and the instance row, all or nothing.
        var final = new List<BatchAction>();
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var message in item.Messages)
        {
            if (consumed.Add(message.MessageId))
            {
                final.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Message(message.MessageId)), ETag.All)));
            }
        }

        var cancelled = new List<BatchAction>();
        foreach (var cancelledId in commit.CancelledMessageIds)
        {
            if (consumed.Add(cancelledId))
            {
                cancelled.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Message(cancelledId)), ETag.All), Tolerant: true));
            }
        }

        if (replaced.Count > 0)
        {
            if (final.Count + replaced.Count >= MaxBatch || EstimateBytes(final) + EstimateBytes(replaced) > MaxBatchBytes)
            {
                throw new ArgumentException($"The step of instance '{id}' replaces the history with {replaced.Count} events, more than one transaction holds together with its instance row; start the new history smaller.", nameof(commit));
            }

            final.AddRange(replaced);
        }

        if (final.Count + cancelled.Count < MaxBatch)
        {
            final.AddRange(cancelled);
        }
        else
        {
            early.AddRange(cancelled);
        }

        var instanceRow = InstanceEntity(record, length);
        final.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.UpdateReplace, instanceRow, new ETag(commit.ExpectedETag))));

        var batches = new List<List<BatchAction>>();
        if (early.Count + final.Count <= MaxBatch && EstimateBytes(early) + EstimateBytes(final) <= MaxBatchBytes)
        {
            batches.Add([.. early, .. final]);
        }
        else
        {
            var current = new List<BatchAction>();
            var bytes = 0;
            foreach (var action in early)
            {
                var size = TablePayloads.EstimateBytes((TableEntity)action.Action.Entity);
                if (current.Count == MaxBatch || bytes + size > MaxBatchBytes)
                {
                    batches.Add(current);
                    current = [];
                    bytes = 0;
                }

                current.Add(action);
                bytes += size;
            }

            if (current.Count > 0)
            {
                batches.Add(current);
            }

            batches.Add(final);
        }

        IReadOnlyList<Response>? last;
        try
        {
            // Rows before the sentinel batch are invisible until it commits, so they may go in parallel.
            await Task.WhenAll(batches.Take(batches.Count - 1).Select(batch => SubmitAsync(_instances, batch, cancellationToken)));
            last = await SubmitAsync(_instances, batches[^1], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            _known.TryRemove(id, out _);
            _cache?.Invalidate(id);
            throw new OrchestrationConcurrencyException($"Instance '{id}' changed since it was loaded, or a claimed message was already consumed; the step was not committed.", ex);
        }
        catch
        {
            _cache?.Invalidate(id);
            throw;
        }

        var etag = last![^1].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The commit returned no ETag for the instance row.");
        _known[id] = new KnownInstance(etag, length, record.RuntimeStatus, record.BusinessKeys);
        _cache?.Set(id, ReadRecord(instanceRow), new ETag(etag));

        // After the commit: due rows, lookups and the lease release in one shard transaction; outbound delivery.
        var lookups = LookupActions(shard, record, known ?? new KnownInstance(string.Empty, 0, OrchestrationRuntimeStatus.Pending, EmptyKeys)).ToList();
        foreach (var cancelledId in commit.CancelledMessageIds)
        {
            if (ForgetTimer(shard, id, cancelledId) is { } forget)
            {
                dueRows.Add(forget);
            }
        }

        if (!commit.KeepLease)
        {
            _instanceLeases.TryRemove(item.LeaseToken, out _);
            ReleasedHere(id);
            dueRows.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, TableKeys.InstanceLease(id)), lease.MarkerETag), Tolerant: true));
        }

        var written = new List<(BatchAction Action, ETag ETag)>(dueRows.Count);
        try
        {
            await Task.WhenAll(
                WriteIndexAsync(dueRows, written, cancellationToken),
                WriteGroupedAsync(_lookups, lookups, null, cancellationToken),
                DeliverOutboxAsync(pk, commit.OutboundMessages, now, cancellationToken));
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
        {
            // The step is committed; the sweeper re-indexes and re-delivers, and the lease expires.
            Log.PostCommitFailed(_logger, ex, id);
        }

        if (produced.Count > 0)
        {
            QueueProducedActivities(produced, written);
        }

        return etag;
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!_instanceLeases.TryRemove(workItem.LeaseToken, out var lease))
        {
            return;
        }

        ReleasedHere(workItem.InstanceId);
        var now = _time.GetUtcNow();
        var pending = await ReadInboxAsync(workItem.InstanceId, long.MaxValue, cancellationToken);
        var actions = new List<BatchAction>();
        foreach (var (message, position) in pending)
        {
            if (workItem.Messages.Any(m => m.MessageId == message.MessageId))
            {
                actions.Add(Upsert(DueEntity(lease.Shard, message, position)));
            }
        }

        var marker = new TableEntity(lease.Shard, TableKeys.InstanceLease(workItem.InstanceId));
        if (delay > TimeSpan.Zero)
        {
            marker["InstanceId"] = workItem.InstanceId;
            marker["Owner"] = string.Empty;
            marker["ExpiresTicks"] = (now + delay).UtcTicks;
            actions.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.UpdateReplace, marker, lease.MarkerETag), Tolerant: true));
        }
        else
        {
            actions.Add(new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, marker, lease.MarkerETag), Tolerant: true));
        }

        await SubmitIndexAsync(actions, cancellationToken);
    }

    /// <inheritdoc />
    public async Task DiscardOrchestrationMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var pk = TableKeys.Partition(workItem.InstanceId);
        var deletes = workItem.Messages
            .Select(m => m.MessageId)
            .Distinct(StringComparer.Ordinal)
            .Select(mid => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Message(mid)), ETag.All), Tolerant: true))
            .ToList();
        foreach (var chunk in deletes.Chunk(MaxBatch))
        {
            await SubmitAsync(_instances, [.. chunk], cancellationToken);
        }

        if (_instanceLeases.TryRemove(workItem.LeaseToken, out var lease))
        {
            ReleasedHere(workItem.InstanceId);
            await SubmitIndexAsync([new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(lease.Shard, TableKeys.InstanceLease(workItem.InstanceId)), lease.MarkerETag), Tolerant: true)], cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(result);
        if (workItem.LeaseToken is null || !_activityLeases.TryRemove(workItem.LeaseToken, out var lease))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var pk = TableKeys.Partition(workItem.InstanceId);
        // No received marker: the deletion of the activity row already makes the result exactly once.
        var (_, pending, position) = MessageRows(TableKeys.Partition(result.InstanceId), result, now, null);
        var release = new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(lease.Shard, lease.Marker.RowKey), lease.MarkerETag), Tolerant: true);
        try
        {
            // Grouped: the results of a fan-out arriving together share one transaction of the instance partition.
            await WriteGroupedAsync(
                _instances,
                [
                    new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Activity(workItem.Id)), ETag.All)),
                    new BatchAction(new TableTransactionAction(TableTransactionActionType.Add, pending)),
                ],
                null,
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409)
        {
            // Another claim completed it, or the instance was purged or replaced.
            await SubmitIndexAsync([release], cancellationToken);
            return false;
        }

        try
        {
            var shard = await ShardAsync(result.InstanceId, cancellationToken);
            if (!await TryLeaseResultAsync(lease, release, shard, result, now, cancellationToken))
            {
                await WriteIndexAsync([release, Upsert(DueEntity(shard, result, position))], null, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or IOException)
        {
            Log.PostCommitFailed(_logger, ex, workItem.InstanceId);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.LeaseToken is null || !_activityLeases.TryGetValue(workItem.LeaseToken, out var lease))
        {
            return false;
        }

        var marker = new TableEntity(lease.Marker) { PartitionKey = lease.Shard, RowKey = lease.Marker.RowKey };
        marker["ExpiresTicks"] = (_time.GetUtcNow() + leaseDuration).UtcTicks;
        try
        {
            Count();
            var response = await _index.UpdateEntityAsync(marker, lease.MarkerETag, TableUpdateMode.Replace, cancellationToken);
            return _activityLeases.TryUpdate(workItem.LeaseToken, lease with { MarkerETag = response.Headers.ETag ?? default, Marker = marker }, lease);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over by another host, or completed: the lease is gone.
            _activityLeases.TryRemove(workItem.LeaseToken, out _);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.LeaseToken is null || !_activityLeases.TryRemove(workItem.LeaseToken, out var lease))
        {
            return;
        }

        var now = _time.GetUtcNow();
        var marker = new TableEntity(lease.Marker);
        marker.PartitionKey = lease.Shard;
        marker.RowKey = lease.Marker.RowKey;
        marker["Owner"] = string.Empty;
        marker["ExpiresTicks"] = (now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero)).UtcTicks;
        await SubmitIndexAsync([new BatchAction(new TableTransactionAction(TableTransactionActionType.UpdateReplace, marker, lease.MarkerETag), Tolerant: true)], cancellationToken);
    }

    /// <summary>
    /// The rows of new history events: a step's events packed into one row (<c>Count</c> events, a JSON array,
    /// keyed by the first event's sequence number) up to <see cref="HistoryRowChars"/> of JSON, so a step
    /// writes one history row, not one per event.
    /// </summary>
    private static List<TableEntity> HistoryRows(string pk, string instanceId, string executionId, int start, IReadOnlyList<HistoryEvent> events)
    {
        var rows = new List<TableEntity>();
        var pack = new List<string>();
        var chars = 0;
        var first = start;
        for (var i = 0; i < events.Count; i++)
        {
            var json = TablePayloads.ToJson(events[i]);
            if (pack.Count > 0 && chars + json.Length > HistoryRowChars)
            {
                rows.Add(Pack());
                first = start + i;
            }

            pack.Add(json);
            chars += json.Length + 1;
        }

        if (pack.Count > 0)
        {
            rows.Add(Pack());
        }

        return rows;

        TableEntity Pack()
        {
            var row = new TableEntity(pk, TableKeys.History(first)) { ["ExecutionId"] = executionId, ["Count"] = pack.Count };
            var e = events[first - start];
            TablePayloads.Write(row, "Data", string.Concat("[", string.Join(',', pack), "]"), instanceId, $"history event {e.EventType} #{e.EventId} (sequence {first})");
            pack.Clear();
            chars = 0;
            return row;
        }
    }

    private static int EstimateBytes(List<BatchAction> actions) => actions.Sum(a => TablePayloads.EstimateBytes((TableEntity)a.Action.Entity));

    private static IReadOnlyDictionary<string, string> EmptyKeys { get; } = new Dictionary<string, string>();

    /// <summary>Takes leases for the plans: one transaction per shard, dropping any plan another host won and retrying the rest.</summary>
    private async Task<List<ClaimPlan>> AcquireAsync(List<ClaimPlan> plans, string owner, long expiry, CancellationToken cancellationToken)
    {
        var granted = new List<ClaimPlan>();
        var work = new List<Task>();
        foreach (var shardPlans in plans.GroupBy(p => p.Shard))
        {
            work.Add(AcquireShardAsync(shardPlans.Key, [.. shardPlans], owner, expiry, granted, cancellationToken));
        }

        await Task.WhenAll(work);
        return granted;
    }

    private async Task AcquireShardAsync(string shard, List<ClaimPlan> plans, string owner, long expiry, List<ClaimPlan> granted, CancellationToken cancellationToken)
    {
        // Chunk by plan so that a plan's actions stay in one transaction.
        var chunks = new List<List<ClaimPlan>>();
        var current = new List<ClaimPlan>();
        var size = 0;
        foreach (var plan in plans)
        {
            var n = plan.DueRows.Count + 1;
            if (size + n > MaxBatch && current.Count > 0)
            {
                chunks.Add(current);
                current = [];
                size = 0;
            }

            current.Add(plan);
            size += n;
        }

        if (current.Count > 0)
        {
            chunks.Add(current);
        }

        foreach (var chunk in chunks)
        {
            var remaining = chunk;
            while (remaining.Count > 0)
            {
                var actions = new List<(TableTransactionAction Action, ClaimPlan Plan, bool IsMarker)>();
                foreach (var plan in remaining)
                {
                    plan.Marker = BuildMarker(shard, plan, owner, expiry);
                    foreach (var row in plan.DueRows)
                    {
                        actions.Add((new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag), plan, false));
                    }

                    actions.Add(plan.ExistingMarker is { } existing
                        ? (new TableTransactionAction(TableTransactionActionType.UpdateReplace, plan.Marker, existing.ETag), plan, true)
                        : (new TableTransactionAction(TableTransactionActionType.Add, plan.Marker, default), plan, true));
                }

                try
                {
                    Count();
                    var responses = await _index.SubmitTransactionAsync(actions.Select(a => a.Action).ToList(), cancellationToken);
                    for (var i = 0; i < actions.Count; i++)
                    {
                        if (actions[i].IsMarker)
                        {
                            actions[i].Plan.MarkerETag = responses.Value[i].Headers.ETag ?? default;
                        }
                    }

                    lock (granted)
                    {
                        granted.AddRange(remaining);
                    }

                    break;
                }
                catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } i && i < actions.Count)
                {
                    // Another host holds or took this one; the others are still ours to take. Leave it alone a while.
                    var lost = actions[i].Plan;
                    remaining = remaining.Where(p => !ReferenceEquals(p, lost)).ToList();
                    var key = lost.Activity is null ? lost.InstanceId : TableKeys.ActivityLease(lost.InstanceId, lost.Activity.GetString("ItemId")!);
                    lost.BusyUntil = await LeaseExpiryAsync(shard, lost, cancellationToken);
                    _busy[key] = lost.BusyUntil.Value;
                }
                catch (TableTransactionFailedException)
                {
                    break;
                }
            }
        }
    }

    /// <summary>Reads when the lease that beat <paramref name="plan"/> ends (now, when it is gone or already over).</summary>
    private async Task<long> LeaseExpiryAsync(string shard, ClaimPlan plan, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow().UtcTicks;
        var key = plan.Activity is null ? TableKeys.InstanceLease(plan.InstanceId) : TableKeys.ActivityLease(plan.InstanceId, plan.Activity.GetString("ItemId")!);
        Count();
        var marker = await _index.GetEntityIfExistsAsync<TableEntity>(shard, key, ["ExpiresTicks"], cancellationToken);
        return marker.HasValue ? Math.Max(now, Ticks(marker.Value!, "ExpiresTicks")) : now;
    }

    private static TableEntity BuildMarker(string shard, ClaimPlan plan, string owner, long expiry)
    {
        TableEntity marker;
        if (plan.Activity is { } source)
        {
            var itemId = source.GetString("ItemId")!;
            marker = new TableEntity(shard, TableKeys.ActivityLease(plan.InstanceId, itemId))
            {
                ["Kind"] = "AL",
                ["InstanceId"] = plan.InstanceId,
                ["ItemId"] = itemId,
                ["DequeueCount"] = (source.GetInt32("DequeueCount") ?? 0) + (plan.ExistingMarker is null ? 0 : 1),
            };
            if (source.GetString("Data") is { } data)
            {
                marker["Data"] = data;
            }
        }
        else
        {
            marker = new TableEntity(shard, TableKeys.InstanceLease(plan.InstanceId)) { ["Kind"] = "L", ["InstanceId"] = plan.InstanceId };
        }

        marker["Owner"] = owner;
        marker["ExpiresTicks"] = expiry;
        return marker;
    }

    private async Task BuildActivityAsync(ClaimPlan plan, List<ActivityWorkItem> activities, CancellationToken cancellationToken)
    {
        var marker = plan.Marker!;
        var itemId = marker.GetString("ItemId")!;
        ActivityWorkItem? item = null;
        if (marker.GetString("Data") is { } data)
        {
            item = TablePayloads.FromJson<ActivityWorkItem>(data);
        }
        else
        {
            Count();
            var row = await _instances.GetEntityIfExistsAsync<TableEntity>(TableKeys.Partition(plan.InstanceId), TableKeys.Activity(itemId), cancellationToken: cancellationToken);
            if (row.HasValue)
            {
                item = TablePayloads.FromJson<ActivityWorkItem>(TablePayloads.Read(row.Value!, "Data")!);
            }
        }

        if (item is null)
        {
            await SubmitIndexAsync([new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, marker, plan.MarkerETag), Tolerant: true)], cancellationToken);
            return;
        }

        if (plan.ExistingMarker is not null)
        {
            // Taken over: a claim this host made earlier on the same item is stale now.
            foreach (var stale in _activityLeases.Where(l => l.Value.InstanceId == plan.InstanceId && l.Value.ItemId == itemId).ToList())
            {
                _activityLeases.TryRemove(stale.Key, out _);
            }
        }

        var token = Guid.NewGuid().ToString("N");
        var dequeue = marker.GetInt32("DequeueCount") ?? 0;
        _activityLeases[token] = new ActivityLease(plan.InstanceId, itemId, plan.Shard, plan.MarkerETag, marker);
        lock (activities)
        {
            activities.Add(item with { LeaseToken = token, DequeueCount = dequeue });
        }
    }

    private async Task BuildOrchestrationAsync(ClaimPlan plan, DateTimeOffset now, List<OrchestrationWorkItem> orchestrations, CancellationToken cancellationToken)
    {
        var messages = new List<(OrchestrationMessage Message, string Position)>();
        var inline = plan.ExistingMarker is null && plan.DueRows.TrueForAll(r => r.ContainsKey("Data"));
        if (inline)
        {
            foreach (var row in plan.DueRows)
            {
                messages.Add((TablePayloads.FromJson<OrchestrationMessage>(row.GetString("Data")!), TableKeys.PositionOf(row.RowKey)));
            }
        }
        else
        {
            var wanted = plan.ExistingMarker is null ? plan.DueRows.Select(r => r.GetString("ItemId")!).ToHashSet(StringComparer.Ordinal) : null;
            var pending = await ReadInboxAsync(plan.InstanceId, now.UtcTicks, cancellationToken);
            messages.AddRange(pending.Where(p => wanted is null || wanted.Contains(p.Message.MessageId)).Take(_options.MaxMessagesPerInstance));
        }

        if (messages.Count == 0)
        {
            // Stale due rows (a cancelled timer, a consumed message): nothing to do, release at once.
            await SubmitIndexAsync([new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, plan.Marker!, plan.MarkerETag), Tolerant: true)], cancellationToken);
            return;
        }

        messages.Sort((a, b) => string.CompareOrdinal(a.Position, b.Position));
        if (plan.ExistingMarker is not null)
        {
            // Taken over: a claim this host made earlier on the same instance is stale now.
            foreach (var stale in _instanceLeases.Where(l => l.Value.InstanceId == plan.InstanceId).ToList())
            {
                _instanceLeases.TryRemove(stale.Key, out _);
            }
        }

        var token = Guid.NewGuid().ToString("N");
        _instanceLeases[token] = new InstanceLease(plan.InstanceId, plan.Shard, plan.MarkerETag, Ticks(plan.Marker!, "ExpiresTicks"));
        lock (orchestrations)
        {
            orchestrations.Add(new OrchestrationWorkItem(plan.InstanceId, token, messages.Select(m => m.Message).ToList()));
        }
    }

    /// <summary>Reads an instance's pending messages due by <paramref name="dueByTicks"/>, in arrival order.</summary>
    private async Task<List<(OrchestrationMessage Message, string Position)>> ReadInboxAsync(string instanceId, long dueByTicks, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Partition(instanceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {TableKeys.MessagePrefix} and RowKey lt {TableKeys.PrefixEnd(TableKeys.MessagePrefix)}");
        var rows = await QueryAllAsync(_instances, filter, null, null, cancellationToken);
        return rows
            .Select(r => (Message: ReadMessage(r), Position: r.GetString("IndexPos")!))
            .Where(p => TableKeys.PositionTicks(p.Position) <= dueByTicks)
            .OrderBy(p => p.Position, StringComparer.Ordinal)
            .ToList();
    }

    private async Task DeliverOutboxAsync(string pk, IReadOnlyList<OrchestrationMessage> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        foreach (var message in messages)
        {
            await DeliverAsync(message, now, cancellationToken);
        }

        var deletes = messages
            .Select(m => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(pk, TableKeys.Outbox(m.InstanceId, m.MessageId)), ETag.All), Tolerant: true))
            .ToList();
        foreach (var chunk in deletes.Chunk(MaxBatch))
        {
            await SubmitAsync(_instances, [.. chunk], cancellationToken);
        }
    }

    /// <summary>One claim candidate: an instance with its due rows, or an activity (due row or expired marker).</summary>
    private sealed class ClaimPlan(string instanceId, string shard, List<TableEntity> dueRows, TableEntity? existingMarker, TableEntity? activity)
    {
        public string InstanceId { get; } = instanceId;

        public string Shard { get; } = shard;

        public List<TableEntity> DueRows { get; } = dueRows;

        public TableEntity? ExistingMarker { get; } = existingMarker;

        public TableEntity? Activity { get; } = activity;

        public TableEntity? Marker { get; set; }

        public ETag MarkerETag { get; set; }

        /// <summary>Gets or sets, when another host won the lease, until when it holds it.</summary>
        public long? BusyUntil { get; set; }
    }
}
