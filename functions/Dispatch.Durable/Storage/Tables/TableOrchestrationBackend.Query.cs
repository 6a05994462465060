using Azure;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Tables;
using Microsoft.Extensions.Logging;

namespace Dispatch.Durable.Storage.Tables;

/// <content>Instance queries (through lookup rows) and the repair sweeper.</content>
public sealed partial class TableOrchestrationBackend
{
    /// <inheritdoc />
    public async Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "The page size must be between 1 and 1000.");
        }

        var found = await FindInstancesAsync(query, cancellationToken, query.PageSize + 1);
        var more = found.Count > query.PageSize;
        var page = found.Take(query.PageSize).Select(f => Shape(f.Record, query.FetchInputsAndOutputs)).ToList();
        return new InstanceQueryPage(page, more ? page[^1].InstanceId : null);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var found = await FindInstancesAsync(query with { ContinuationToken = null }, cancellationToken);
        return found.GroupBy(f => f.Record.RuntimeStatus).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>
    /// Finds matching instance rows, ordered by instance id, after the query's continuation token. The most
    /// selective lookup (business key, tag, name, status) gives the candidates, which are then checked against
    /// their instance rows, so a stale lookup row never yields a wrong answer. Only a query with none of those
    /// filters reads instance rows directly (server-side filtered on status and times).
    /// </summary>
    private async Task<List<(InstanceRecord Record, ETag ETag)>> FindInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken, int limit = int.MaxValue)
    {
        var prefixes = new List<string>();
        if (query.BusinessKeys is { Count: > 0 } keys)
        {
            var first = keys.First();
            prefixes.Add(TableKeys.BusinessKeyPrefix(first.Key, first.Value));
        }
        else if (query.Tags is { Count: > 0 } tags)
        {
            var first = tags.First();
            prefixes.Add(TableKeys.TagPrefix(first.Key, first.Value));
        }
        else if (query.Name is { } name)
        {
            prefixes.Add(TableKeys.NamePrefix(name));
        }
        else if (query.Statuses is { Count: > 0 } statuses)
        {
            prefixes.AddRange(statuses.Distinct().Select(s => TableKeys.StatusPrefix((int)s)));
        }

        var results = new List<(InstanceRecord Record, ETag ETag)>();
        if (prefixes.Count == 0)
        {
            await ScanInstancesAsync(query, limit, results, cancellationToken);
            return results;
        }

        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var prefix in prefixes)
        {
            var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}");
            foreach (var row in await QueryAllAsync(_lookups, filter, null, ["InstanceId"], cancellationToken))
            {
                var id = row.GetString("InstanceId")!;
                if ((query.ContinuationToken is null || string.CompareOrdinal(id, query.ContinuationToken) > 0)
                    && (query.InstanceIdPrefix is null || id.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal)))
                {
                    ids.Add(id);
                }
            }
        }

        // Point reads in windows sized to what the page still needs (16 to 64 at once): a page of 1,000
        // takes 16 round trips instead of 63, a page of 10 still reads only 16 rows.
        var candidates = ids.ToList();
        for (var next = 0; next < candidates.Count;)
        {
            var window = Math.Clamp(limit == int.MaxValue ? 64 : limit - results.Count, 16, 64);
            var chunk = candidates.GetRange(next, Math.Min(window, candidates.Count - next));
            next += chunk.Count;
            var rows = await Task.WhenAll(chunk.Select(id => ReadInstanceRowAsync(id, cancellationToken)));
            foreach (var row in rows)
            {
                if (row is { } r && Matches(r.Record, query))
                {
                    results.Add(r);
                    if (results.Count >= limit)
                    {
                        return results;
                    }
                }
            }
        }

        return results;
    }

    private async Task ScanInstancesAsync(OrchestrationQuery query, int limit, List<(InstanceRecord Record, ETag ETag)> results, CancellationToken cancellationToken)
    {
        var filter = $"RowKey ge '{TableKeys.InstanceRowPrefix}' and RowKey lt '{TableKeys.PrefixEnd(TableKeys.InstanceRowPrefix)}'";
        if (query.CreatedFrom is { } cf)
        {
            filter += $" and CreatedTicks ge {Invariant(cf.UtcTicks)}L";
        }

        if (query.CreatedTo is { } ct)
        {
            filter += $" and CreatedTicks le {Invariant(ct.UtcTicks)}L";
        }

        if (query.LastUpdatedFrom is { } uf)
        {
            filter += $" and UpdatedTicks ge {Invariant(uf.UtcTicks)}L";
        }

        if (query.LastUpdatedTo is { } ut)
        {
            filter += $" and UpdatedTicks le {Invariant(ut.UtcTicks)}L";
        }

        if (query.ContinuationToken is { } after)
        {
            filter += TableClient.CreateQueryFilter($" and PartitionKey gt {TableKeys.Partition(after)}");
        }

        await foreach (var page in _instances.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).AsPages())
        {
            Count();
            foreach (var row in page.Values)
            {
                var record = ReadRecord(row);
                if (Matches(record, query))
                {
                    results.Add((record, row.ETag));
                    if (results.Count >= limit)
                    {
                        return;
                    }
                }
            }
        }
    }

    private static bool Matches(InstanceRecord r, OrchestrationQuery q) =>
        (q.Statuses is null || q.Statuses.Count == 0 || q.Statuses.Contains(r.RuntimeStatus))
        && (q.Name is null || string.Equals(q.Name, r.Name, StringComparison.OrdinalIgnoreCase))
        && (q.InstanceIdPrefix is null || r.InstanceId.StartsWith(q.InstanceIdPrefix, StringComparison.Ordinal))
        && (q.ContinuationToken is null || string.CompareOrdinal(r.InstanceId, q.ContinuationToken) > 0)
        && (q.CreatedFrom is null || r.CreatedAt >= q.CreatedFrom)
        && (q.CreatedTo is null || r.CreatedAt <= q.CreatedTo)
        && (q.LastUpdatedFrom is null || r.LastUpdatedAt >= q.LastUpdatedFrom)
        && (q.LastUpdatedTo is null || r.LastUpdatedAt <= q.LastUpdatedTo)
        && (q.Tags is null || q.Tags.All(t => r.Tags.TryGetValue(t.Key, out var v) && v == t.Value))
        && (q.BusinessKeys is null || q.BusinessKeys.All(k => r.BusinessKeys.TryGetValue(k.Key, out var v) && v == k.Value));

    /// <summary>
    /// Repairs what a crash between a commit and its index write (or delivery) left behind: re-delivers
    /// outboxes and re-creates missing due rows of pending messages and activities. Only rows older than the
    /// grace period are touched, and only rows of committed steps (a torn split commit's rows are ignored).
    /// When idle this is one query per sweep interval.
    /// </summary>
    private async Task SweepIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweepTicks, (now + _options.SweepInterval).UtcTicks, due) != due)
        {
            return;
        }

        var grace = (now - _options.SweepGracePeriod).UtcTicks;
        var filter = $"RowKey ge '{TableKeys.ActivityPrefix}' and RowKey lt 'P' and WrittenTicks lt {Invariant(grace)}L";
        var rows = await QueryAllAsync(_instances, filter, null, null, cancellationToken);
        var candidates = rows.Where(r => r.RowKey.StartsWith(TableKeys.ActivityPrefix, StringComparison.Ordinal)
            || r.RowKey.StartsWith(TableKeys.MessagePrefix, StringComparison.Ordinal)
            || r.RowKey.StartsWith(TableKeys.OutboxPrefix, StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0)
        {
            return;
        }

        // Which instance rows say these rows' steps committed.
        var committed = new Dictionary<string, (string ExecutionId, int Length)?>(StringComparer.Ordinal);
        foreach (var pk in candidates.Where(r => r.ContainsKey("CommitLength")).Select(r => r.PartitionKey).Distinct())
        {
            Count();
            var row = await _instances.GetEntityIfExistsAsync<TableEntity>(pk, InstanceRowOf(pk), ["ExecutionId", "HistoryLength"], cancellationToken);
            committed[pk] = row.HasValue ? (row.Value!.GetString("ExecutionId")!, row.Value.GetInt32("HistoryLength") ?? 0) : null;
        }

        bool IsCommitted(TableEntity r) =>
            !r.ContainsKey("CommitLength")
            || committed.TryGetValue(r.PartitionKey, out var c) && c is { } state && state.ExecutionId == r.GetString("ExecutionId") && state.Length >= (r.GetInt32("CommitLength") ?? 0);

        var existing = (await QueryAllAsync(_index, "RowKey lt ':' or RowKey ge '~'", null, ["PartitionKey", "RowKey"], cancellationToken))
            .Select(r => r.RowKey)
            .ToHashSet(StringComparer.Ordinal);
        var repairs = new Dictionary<string, List<BatchAction>>(StringComparer.Ordinal);
        var repaired = 0;
        foreach (var row in candidates.Where(IsCommitted))
        {
            if (row.RowKey.StartsWith(TableKeys.OutboxPrefix, StringComparison.Ordinal))
            {
                var message = ReadMessage(row);
                await DeliverAsync(message, now, cancellationToken);
                Count();
                await _instances.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                repaired++;
                continue;
            }

            TableEntity dueRow;
            if (row.RowKey.StartsWith(TableKeys.MessagePrefix, StringComparison.Ordinal))
            {
                var message = ReadMessage(row);
                dueRow = DueEntity(await ShardAsync(message.InstanceId, cancellationToken), message, row.GetString("IndexPos")!);
            }
            else
            {
                var item = TablePayloads.FromJson<ActivityWorkItem>(TablePayloads.Read(row, "Data")!);
                if (existing.Contains(TableKeys.ActivityLease(item.InstanceId, item.Id)))
                {
                    continue;
                }

                dueRow = ActivityDueEntity(await ShardAsync(item.InstanceId, cancellationToken), item, row.GetString("IndexPos")!, 0);
            }

            if (existing.Contains(dueRow.RowKey))
            {
                continue;
            }

            if (!repairs.TryGetValue(dueRow.PartitionKey, out var list))
            {
                repairs[dueRow.PartitionKey] = list = [];
            }

            list.Add(Upsert(dueRow));
            repaired++;
        }

        foreach (var list in repairs.Values)
        {
            await SubmitIndexAsync(list, cancellationToken);
        }

        if (repaired > 0)
        {
            Log.Swept(_logger, repaired);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Writing the index or outbox after the commit of instance {InstanceId} failed; the sweeper will repair it.")]
        public static partial void PostCommitFailed(ILogger logger, Exception exception, string instanceId);

        [LoggerMessage(EventId = 701, Level = LogLevel.Information, Message = "Sweeper repaired {Count} rows left by a crash.")]
        public static partial void Swept(ILogger logger, int count);

        [LoggerMessage(EventId = 702, Level = LogLevel.Warning, Message = "Task hub {TaskHub} was created with {Recorded} shards and keeps them; the configured ShardCount {Configured} applies only to new hubs.")]
        public static partial void ShardCountRecorded(ILogger logger, string taskHub, int recorded, int configured);
    }
}
