using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Durable.Storage.Tables;

/// <summary>
/// The Azure Table Storage backend. Three tables per task hub:
/// <list type="bullet">
/// <item><c>{hub}Instances</c>: one partition per instance (PartitionKey = escaped instance id) holding the
/// instance row <c>I</c> (the step sentinel: its ETag guards every commit), history rows <c>H.{seq:X16}</c>,
/// pending inbox messages <c>M.{id}</c>, received markers <c>R.{id}</c> (de-duplication), activity items
/// <c>A.{id}</c> and the outbox <c>O.{target}.{id}</c>. This partition is the truth.</item>
/// <item><c>{hub}Index</c>: partitions <c>00</c>…<c>NN</c> (shard = FNV-1a of the instance id) holding due rows
/// <c>{dueTicks:D19}.{instance}.{kind}{item}</c> (with small payloads inlined) and lease markers
/// <c>~L.</c>/<c>~A.</c> with their expiry. The index is a hint: it is written after each commit and
/// repaired by a sweeper after a crash.</item>
/// <item><c>{hub}Lookup</c>: the same shards, holding lookup rows by name, status, tag and business key, so
/// that claims, which read the index, stay small however many instances exist.</item>
/// </list>
/// A claim is one query over the whole index (<c>RowKey lt now or RowKey ge '~'</c>) plus one transaction
/// per shard that deletes the claimed due rows (ETag-guarded) and writes lease markers; a step is one
/// transaction in the instance partition (several, instance row last, when over 100 entities); the release
/// is one transaction in the shard that also writes the step's new due rows and lookups.
/// </summary>
public sealed partial class TableOrchestrationBackend : IOrchestrationBackend
{
    private const int MaxBatch = 100;
    private const int MaxBatchBytes = 3_500_000;
    private const int MaxClaimRows = 1000;

    /// <summary>JSON characters of history packed into one row; a larger event gets a row of its own.</summary>
    private const int HistoryRowChars = 60_000;

    private readonly TableOrchestrationBackendOptions _options;
    private readonly TableClient _instances;
    private readonly TableClient _index;
    private readonly TableClient _lookups;
    private int _shardCount;
    private readonly Lock _hubGate = new();
    private Task? _hubResolution;
    private volatile bool _hubResolved;
    private readonly TableServiceClient _service;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, InstanceLease> _instanceLeases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ActivityLease> _activityLeases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnownInstance> _known = new(StringComparer.Ordinal);
    private readonly InstanceRowCache? _cache;
    private readonly Lock _cacheLoadGate = new();
    private Task? _cacheLoad;
    private readonly ConcurrentDictionary<Task, string> _indexWritesBehind = new();
    private readonly SortedSet<string> _farDue = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _timerPositions = new(StringComparer.Ordinal);
    private static long _sequence;
    private long _requests;
    private long _nextSweepTicks;
    private bool _farDueLoaded;

    /// <summary>Creates the backend; call <see cref="EnsureCreatedAsync"/> once before use.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="logger">Logs repairs and swallowed post-commit failures.</param>
    public TableOrchestrationBackend(TableOrchestrationBackendOptions options, ILogger<TableOrchestrationBackend>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _time = options.TimeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _service = options.ServiceClient ?? new TableServiceClient(options.ConnectionString!, new TableClientOptions());
        _instances = _service.GetTableClient(options.TaskHubName + "Instances");
        _nextSweepTicks = (_time.GetUtcNow() + options.SweepInterval).UtcTicks;
        _index = _service.GetTableClient(options.TaskHubName + "Index");
        _lookups = _service.GetTableClient(options.TaskHubName + "Lookup");
        _cache = options.CacheInstanceRows ? new InstanceRowCache() : null;
        _shardCount = options.ShardCount ?? LegacyShardCount;
    }

    /// <summary>Gets the shard count of a new task hub when <see cref="TableOrchestrationBackendOptions.ShardCount"/> is not set.</summary>
    /// <remarks>
    /// Two: on Azurite a client's messages then go in fewer, fuller shard transactions, and Azurite's cost is
    /// mostly per request (the check-in post's p99 fell from 132–151 ms to 77–89 ms in the HTTP bench).
    /// Partitions on Azure take about 2,000 entities/s each, far above a county's due work.
    /// </remarks>
    public const int DefaultShardCount = 2;

    // The count every hub had before hubs recorded theirs.
    private const int LegacyShardCount = 8;
    private const string ShardCountProperty = "ShardCount";

    /// <summary>
    /// Gets the task hub's shard count: the one it recorded when it was created, known once
    /// <see cref="EnsureCreatedAsync"/> has run (until then the configured count, or 8).
    /// </summary>
    public int ShardCount => Volatile.Read(ref _shardCount);

    /// <summary>Gets the settings.</summary>
    public TableOrchestrationBackendOptions Options => _options;

    /// <inheritdoc />
    public long StorageRequestCount => Interlocked.Read(ref _requests);

    /// <inheritdoc />
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        // All at once: this sits on the host's start path.
        Count(3);
        var lookups = _lookups.CreateIfNotExistsAsync(cancellationToken);
        await Task.WhenAll(_instances.CreateIfNotExistsAsync(cancellationToken), _index.CreateIfNotExistsAsync(cancellationToken), lookups);

        // A hub without a lookup table was written by an earlier version: upgrade its rows, once, instead of
        // scanning for old rows at every start.
        if ((await lookups).GetRawResponse().Status != 409)
        {
            await MoveLegacyLookupsAsync(cancellationToken);
            await MoveLegacyInstanceRowsAsync(cancellationToken);
        }

        await ResolveHubOnceAsync(cancellationToken);

        if (_cache is not null)
        {
            await LoadInstanceCacheOnceAsync(_cache).WaitAsync(cancellationToken);
        }
    }

    /// <summary>The index shard of an instance, once the hub's shard count is known (read once per process).</summary>
    private async ValueTask<string> ShardAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (!_hubResolved)
        {
            await ResolveHubOnceAsync(cancellationToken);
        }

        return TableKeys.Shard(instanceId, _shardCount);
    }

    // One read per process, shared by every caller.
    private Task ResolveHubOnceAsync(CancellationToken cancellationToken) =>
        SharedRun(_hubGate, ref _hubResolution, () => ResolveShardCountAsync(CancellationToken.None)).WaitAsync(cancellationToken);

    /// <summary>
    /// The run in <paramref name="run"/>, started by the first caller and shared by the others; one that failed
    /// (storage away) is started again by the next caller. Not the caller's token: one caller giving up must not
    /// fail the run the others wait for.
    /// </summary>
    private static Task SharedRun(Lock gate, ref Task? run, Func<Task> start)
    {
        lock (gate)
        {
            if (run is null || run.IsFaulted || run.IsCanceled)
            {
                run = start();
            }

            return run;
        }
    }

    /// <summary>
    /// Reads the shard count the hub recorded when it was created. A hub without the record gets one: the
    /// configured count, else <see cref="DefaultShardCount"/> when it holds no instance yet (nothing was
    /// written to a shard), else 8, the count every hub had before hubs recorded theirs. Two hosts recording at
    /// once agree on the first. The record's keys sort between due rows (digits) and lookup rows ('a' on) and
    /// lease markers ('~'), so no claim, sweep or lookup move reads it.
    /// </summary>
    private async Task ResolveShardCountAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Count();
            var stored = await _index.GetEntityIfExistsAsync<TableEntity>(TableKeys.HubPartition, TableKeys.HubRow, cancellationToken: cancellationToken);
            if (stored.HasValue && stored.Value!.GetInt32(ShardCountProperty) is { } recorded)
            {
                if (_options.ShardCount is { } configured && configured != recorded)
                {
                    Log.ShardCountRecorded(_logger, _options.TaskHubName, recorded, configured);
                }

                Volatile.Write(ref _shardCount, recorded);
                _hubResolved = true;
                return;
            }

            var count = _options.ShardCount ?? (await HoldsInstancesAsync(cancellationToken) ? LegacyShardCount : DefaultShardCount);
            try
            {
                Count();
                await _index.AddEntityAsync(new TableEntity(TableKeys.HubPartition, TableKeys.HubRow) { [ShardCountProperty] = count }, cancellationToken);
                Volatile.Write(ref _shardCount, count);
                _hubResolved = true;
                return;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Another host recorded the hub first: read what it recorded.
            }
        }
    }

    private async Task<bool> HoldsInstancesAsync(CancellationToken cancellationToken)
    {
        Count();
        await foreach (var page in _instances.QueryAsync<TableEntity>(null, 1, ["RowKey"], cancellationToken).AsPages())
        {
            return page.Values.Count > 0;
        }

        return false;
    }

    // The host's initializer and the worker both ensure the tables at start: they share one load (a second
    // load running beside the first could mark the cache complete while the other is still filling it).
    private Task LoadInstanceCacheOnceAsync(InstanceRowCache cache) =>
        SharedRun(_cacheLoadGate, ref _cacheLoad, () => LoadInstanceCacheAsync(cache, CancellationToken.None));

    /// <summary>Reads every instance row into the cache; a row written meanwhile keeps what the write set.</summary>
    private async Task LoadInstanceCacheAsync(InstanceRowCache cache, CancellationToken cancellationToken)
    {
        var filter = $"RowKey ge '{TableKeys.InstanceRowPrefix}' and RowKey lt '{TableKeys.PrefixEnd(TableKeys.InstanceRowPrefix)}'";
        var versions = cache.Versions();
        await foreach (var page in _instances.QueryAsync<TableEntity>(filter, 1000, cancellationToken: cancellationToken).AsPages())
        {
            Count();
            foreach (var row in page.Values)
            {
                var record = ReadRecord(row);
                cache.Fill(record.InstanceId, record, row.ETag, versions);
            }

            // The next page is requested when the loop continues, after this snapshot.
            versions = cache.Versions();
        }

        cache.MarkComplete();
    }

    /// <summary>Re-keys instance rows of earlier versions (<c>I</c>) to <c>I.{instance}</c> (one query when there are none).</summary>
    private async Task MoveLegacyInstanceRowsAsync(CancellationToken cancellationToken)
    {
        var legacy = await QueryAllAsync(_instances, $"RowKey eq '{TableKeys.LegacyInstanceRow}'", null, null, cancellationToken);
        foreach (var row in legacy)
        {
            var moved = new TableEntity(row) { PartitionKey = row.PartitionKey, RowKey = TableKeys.InstanceRowPrefix + row.PartitionKey };
            moved.Remove("odata.etag");
            moved.Remove("Timestamp");
            await SubmitAsync(
                _instances,
                [
                    new BatchAction(new TableTransactionAction(TableTransactionActionType.Add, moved)),
                    new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)),
                ],
                cancellationToken);
        }
    }

    /// <summary>The instance row key of a partition (partition keys are escaped instance ids).</summary>
    private static string InstanceRowOf(string partitionKey) => TableKeys.InstanceRowPrefix + partitionKey;

    /// <summary>Moves lookup rows that earlier versions kept in the index table to the lookup table (one query when there are none).</summary>
    private async Task MoveLegacyLookupsAsync(CancellationToken cancellationToken)
    {
        var legacy = await QueryAllAsync(_index, "RowKey ge 'a' and RowKey lt '~'", null, null, cancellationToken);
        foreach (var shard in legacy.GroupBy(r => r.PartitionKey))
        {
            foreach (var chunk in shard.Chunk(MaxBatch))
            {
                await SubmitAsync(_lookups, [.. chunk.Select(r => Upsert(new TableEntity(r.PartitionKey, r.RowKey) { ["InstanceId"] = r.GetString("InstanceId") }))], cancellationToken);
                await SubmitAsync(_index, [.. chunk.Select(r => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All), Tolerant: true))], cancellationToken);
            }
        }
    }

    /// <summary>Deletes the tables of the task hub (tests and tear-down).</summary>
    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        Count(3);
        if (_cache is not null)
        {
            lock (_cacheLoadGate)
            {
                _cacheLoad = null;
                _cache.Clear();
            }
        }

        await Task.WhenAll(_instances.DeleteAsync(cancellationToken), _index.DeleteAsync(cancellationToken), _lookups.DeleteAsync(cancellationToken));
    }

    /// <inheritdoc />
    public async Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startMessage);
        ArgumentNullException.ThrowIfNull(dedupeStatuses);
        if (!_hubResolved)
        {
            // Before the first instance row: a hub that holds none yet is new and gets the new default.
            await ResolveHubOnceAsync(cancellationToken);
        }

        var now = _time.GetUtcNow();
        var record = InstanceRecord.FromStartMessage(startMessage, now);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await InsertNewInstanceAsync(record, startMessage, now, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409 && attempt < 3)
            {
                var existing = await ReadInstanceRowAsync(record.InstanceId, cancellationToken);
                if (existing is null)
                {
                    // Only stale rows of a purged instance were in the way.
                    await DeletePartitionAsync(record.InstanceId, null, cancellationToken);
                    continue;
                }

                if (dedupeStatuses.Contains(existing.Value.Record.RuntimeStatus))
                {
                    throw new OrchestrationAlreadyExistsException(record.InstanceId, existing.Value.Record.RuntimeStatus);
                }

                await DeletePartitionAsync(record.InstanceId, existing.Value.Record, cancellationToken);
            }
        }
    }

    /// <inheritdoc />
    public async Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = _time.GetUtcNow();
        foreach (var message in messages)
        {
            // The caller waits only for the message to be stored: carried in its due row when it fits, or in the
            // instance partition with the due row (a hint) written behind it (this host's claims wait for it;
            // after a crash the sweeper writes it).
            await DeliverAsync(message, now, cancellationToken, fromClient: true);
        }
    }

    /// <inheritdoc />
    public async Task<InstanceSnapshot?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var pk = TableKeys.Partition(instanceId);
        for (var attempt = 0; ; attempt++)
        {
            var rowKey = TableKeys.InstanceRow(instanceId);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {TableKeys.HistoryPrefix} and RowKey le {rowKey}");
            var rows = await QueryAllAsync(_instances, filter, null, null, cancellationToken);
            var instanceRow = rows.Find(r => r.RowKey == rowKey);
            if (instanceRow is null)
            {
                _known.TryRemove(instanceId, out _);
                return null;
            }

            var record = ReadRecord(instanceRow);
            var length = instanceRow.GetInt32("HistoryLength") ?? 0;
            var history = new List<HistoryEvent>(length);
            var torn = false;
            foreach (var row in rows)
            {
                if (!row.RowKey.StartsWith(TableKeys.HistoryPrefix, StringComparison.Ordinal) || history.Count >= length)
                {
                    continue;
                }

                // Rows before the expected key are left over from an earlier execution packed differently.
                var expected = TableKeys.History(history.Count);
                if (string.CompareOrdinal(row.RowKey, expected) < 0)
                {
                    continue;
                }

                // Rows past the instance row's length belong to a step that has not committed (or never will).
                if (row.GetString("ExecutionId") != record.ExecutionId || row.RowKey != expected)
                {
                    torn = true;
                    break;
                }

                // Rows of earlier versions hold one event each; newer rows pack a step's events.
                if (row.GetInt32("Count") is null)
                {
                    history.Add(TablePayloads.FromJson<HistoryEvent>(TablePayloads.Read(row, "Data")!));
                }
                else
                {
                    history.AddRange(TablePayloads.FromJson<List<HistoryEvent>>(TablePayloads.Read(row, "Data")!));
                }
            }

            if (!torn && history.Count == length)
            {
                var etag = instanceRow.ETag.ToString();
                _known[instanceId] = new KnownInstance(etag, length, record.RuntimeStatus, record.BusinessKeys);
                return new InstanceSnapshot(record with { HistoryLength = length }, history, etag);
            }

            if (attempt >= 4)
            {
                throw new InvalidOperationException($"The history of instance '{instanceId}' does not match its instance row (expected {length} events of execution '{record.ExecutionId}').");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20 * (attempt + 1)), _time, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var found = await ReadInstanceRowAsync(instanceId, cancellationToken);
        return found is { } f ? Shape(f.Record, includePayloads) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadInstanceAsync(instanceId, cancellationToken);
        return snapshot?.History ?? [];
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var found = await ReadInstanceRowAsync(instanceId, cancellationToken);
        if (found is null || !found.Value.Record.RuntimeStatus.IsTerminal())
        {
            return false;
        }

        return await DeletePartitionAsync(instanceId, found.Value.Record, cancellationToken, found.Value.ETag);
    }

    /// <inheritdoc />
    public async Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var started = _time.GetTimestamp();
        var statuses = (filter.Statuses is { Count: > 0 } s ? s : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled])
            .Where(x => x.IsTerminal())
            .ToList();
        var query = new OrchestrationQuery { Statuses = statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo };
        var victims = await FindInstancesAsync(query, cancellationToken);
        var purged = 0;
        foreach (var victim in victims)
        {
            if (filter.Timeout is { } budget && _time.GetElapsedTime(started) >= budget)
            {
                return new PurgeResult(purged, IsComplete: false);
            }

            if (victim.Record.RuntimeStatus.IsTerminal() && await DeletePartitionAsync(victim.Record.InstanceId, victim.Record, cancellationToken, victim.ETag))
            {
                purged++;
            }
        }

        return new PurgeResult(purged);
    }

    private static InstanceRecord Shape(InstanceRecord record, bool includePayloads) =>
        includePayloads ? record : record with { Input = null, Output = null, CustomStatus = null };

    private static InstanceRecord ReadRecord(TableEntity row) =>
        TablePayloads.FromJson<InstanceRecord>(TablePayloads.Read(row, "Record") ?? throw new InvalidOperationException($"Instance row of partition '{row.PartitionKey}' has no record."))
            with { HistoryLength = row.GetInt32("HistoryLength") ?? 0 };

    /// <summary>The instance row of <paramref name="record"/> (also used by the HTTP bench to seed stored instances).</summary>
    internal static TableEntity InstanceEntity(InstanceRecord record, int historyLength)
    {
        var entity = new TableEntity(TableKeys.Partition(record.InstanceId), TableKeys.InstanceRow(record.InstanceId))
        {
            ["Name"] = record.Name,
            ["RuntimeStatus"] = (int)record.RuntimeStatus,
            ["CreatedTicks"] = record.CreatedAt.UtcTicks,
            ["UpdatedTicks"] = record.LastUpdatedAt.UtcTicks,
            ["ExecutionId"] = record.ExecutionId,
            ["HistoryLength"] = historyLength,
        };
        TablePayloads.Write(entity, "Record", TablePayloads.ToJson(record with { HistoryLength = historyLength }), record.InstanceId, "instance row (input, output, custom status)");
        return entity;
    }

    private static OrchestrationMessage ReadMessage(TableEntity row) =>
        TablePayloads.FromJson<OrchestrationMessage>(TablePayloads.Read(row, "Data") ?? throw new InvalidOperationException($"Message row '{row.RowKey}' has no data."));

    private void Count(int n = 1) => Interlocked.Add(ref _requests, n);

    private async Task<(InstanceRecord Record, ETag ETag)?> ReadInstanceRowAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_cache?.TryGet(instanceId, out var cached) == true)
        {
            return cached;
        }

        var version = _cache?.Version(instanceId) ?? 0;
        Count();
        var response = await _instances.GetEntityIfExistsAsync<TableEntity>(TableKeys.Partition(instanceId), TableKeys.InstanceRow(instanceId), cancellationToken: cancellationToken);
        (InstanceRecord Record, ETag ETag)? row = response.HasValue ? (ReadRecord(response.Value!), response.Value!.ETag) : null;
        _cache?.Fill(instanceId, row?.Record, row?.ETag ?? default, version);
        return row;
    }

    private async Task<List<TableEntity>> QueryAllAsync(TableClient table, string filter, int? maxRows, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxRows is { } m ? Math.Min(m, 1000) : null, select, cancellationToken).AsPages())
        {
            Count();
            rows.AddRange(page.Values);
            if (maxRows is { } max && rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }

    /// <summary>Runs actions in one transaction; failing actions flagged tolerant (deletes of rows that may be gone) are dropped and the rest retried.</summary>
    private async Task<IReadOnlyList<Response>?> SubmitAsync(TableClient table, List<BatchAction> actions, CancellationToken cancellationToken)
    {
        while (actions.Count > 0)
        {
            try
            {
                Count();
                var response = await table.SubmitTransactionAsync(actions.Select(a => a.Action).ToList(), cancellationToken);
                return response.Value;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } i && i < actions.Count && actions[i].Tolerant)
            {
                actions.RemoveAt(i);
            }
        }

        return null;
    }

    /// <summary>Submits index actions (one shard partition) in chunks of at most 100, tolerating failed tolerant actions.</summary>
    private async Task SubmitIndexAsync(List<BatchAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in actions.Chunk(MaxBatch))
        {
            await SubmitAsync(_index, [.. chunk], cancellationToken);
        }
    }

    private async Task InsertNewInstanceAsync(InstanceRecord record, OrchestrationMessage startMessage, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Partition(record.InstanceId);
        var message = startMessage.ExecutionId is null ? startMessage with { ExecutionId = startMessage.Event.ExecutionId } : startMessage;
        var (received, pending, position) = MessageRows(pk, message, now, null);
        var instanceRow = InstanceEntity(record, 0);
        Count();
        Response<IReadOnlyList<Response>> responses;
        try
        {
            responses = await _instances.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, instanceRow),
                    new TableTransactionAction(TableTransactionActionType.Add, received),
                    new TableTransactionAction(TableTransactionActionType.Add, pending),
                ],
                cancellationToken);
        }
        catch
        {
            _cache?.Invalidate(record.InstanceId);
            throw;
        }

        var etag = responses.Value[0].Headers.ETag?.ToString() ?? string.Empty;
        _known[record.InstanceId] = new KnownInstance(etag, 0, record.RuntimeStatus, record.BusinessKeys);
        _cache?.Set(record.InstanceId, ReadRecord(instanceRow), new ETag(etag));
        var shard = await ShardAsync(record.InstanceId, cancellationToken);
        await Task.WhenAll(
            WriteIndexAsync([Upsert(DueEntity(shard, message, position))], null, cancellationToken),
            WriteGroupedAsync(_lookups, [.. LookupActions(shard, record, previous: null)], null, cancellationToken));
    }

    /// <summary>Deletes everything in an instance's partition (instance row last, ETag-checked when given) and its lookup rows.</summary>
    private async Task<bool> DeletePartitionAsync(string instanceId, InstanceRecord? record, CancellationToken cancellationToken, ETag? instanceETag = null)
    {
        var pk = TableKeys.Partition(instanceId);
        var rows = await QueryAllAsync(_instances, TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), null, ["PartitionKey", "RowKey"], cancellationToken);
        var instanceRowKey = TableKeys.InstanceRow(instanceId);
        var others = rows.Where(r => r.RowKey != instanceRowKey).ToList();
        foreach (var chunk in others.Chunk(MaxBatch))
        {
            await SubmitAsync(_instances, [.. chunk.Select(r => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All), Tolerant: true))], cancellationToken);
        }

        if (rows.Exists(r => r.RowKey == instanceRowKey))
        {
            Count();
            try
            {
                await _instances.DeleteEntityAsync(pk, instanceRowKey, instanceETag ?? ETag.All, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                _cache?.Invalidate(instanceId);
                return false;
            }
            catch
            {
                _cache?.Invalidate(instanceId);
                throw;
            }
        }

        _known.TryRemove(instanceId, out _);
        _cache?.Set(instanceId, null, default);
        if (record is not null)
        {
            var shard = await ShardAsync(instanceId, cancellationToken);
            var lookups = LookupRowKeys(record).Select(rk => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, rk), ETag.All), Tolerant: true)).ToList();
            foreach (var chunk in lookups.Chunk(MaxBatch))
            {
                await SubmitAsync(_lookups, [.. chunk], cancellationToken);
            }
        }

        return true;
    }

    private async Task DeliverAsync(OrchestrationMessage message, DateTimeOffset now, CancellationToken cancellationToken, bool fromClient = false)
    {
        if (message.Event.EventType == HistoryEventType.ExecutionStarted && message.ExecutionId is null)
        {
            await DeliverStartAsync(message, now, cancellationToken);
            return;
        }

        var pk = TableKeys.Partition(message.InstanceId);
        if (!await InstanceExistsAsync(message.InstanceId, cancellationToken))
        {
            return;
        }

        var shard = await ShardAsync(message.InstanceId, cancellationToken);
        if (fromClient && message.DueAt is null)
        {
            // Carried: the due row alone stores the message, group-committed with other writers of its shard;
            // the claim copies it into the instance partition before taking the lease (MaterializeCarriedAsync).
            var carried = DueEntity(shard, message, TableKeys.Position(now.UtcTicks, Interlocked.Increment(ref _sequence)));
            if (carried.ContainsKey("Data"))
            {
                carried["Carried"] = true;
                await WriteIndexAsync([Upsert(carried)], null, cancellationToken);
                return;
            }
        }

        var (received, pending, position) = MessageRows(pk, message, now, null);
        try
        {
            Count();
            await _instances.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, received),
                    new TableTransactionAction(TableTransactionActionType.Add, pending),
                ],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Received before: a re-delivery after a crash, or a client retry.
            return;
        }

        List<BatchAction> due = [Upsert(DueEntity(shard, message, position))];
        if (fromClient)
        {
            WriteIndexBehind(message.InstanceId, due);
        }
        else
        {
            await WriteIndexAsync(due, null, cancellationToken);
        }
    }

    /// <summary>Writes index rows without making the caller wait; <see cref="AwaitIndexWritesBehindAsync"/> waits for them.</summary>
    private void WriteIndexBehind(string instanceId, List<BatchAction> unit)
    {
        var write = WriteIndexAsync(unit, null, CancellationToken.None);
        _indexWritesBehind[write] = instanceId;
        _ = write.ContinueWith(
            t =>
            {
                _indexWritesBehind.TryRemove(t, out _);
                if (t.Exception is { } ex)
                {
                    Log.PostCommitFailed(_logger, ex.GetBaseException(), instanceId);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits for index rows written behind, so that a claim sees every message this host stored before it.</summary>
    private async Task AwaitIndexWritesBehindAsync()
    {
        if (_indexWritesBehind.IsEmpty)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_indexWritesBehind.Keys);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Logged by WriteIndexBehind; the sweeper writes the row. The claim goes on without it.
        }
    }

    private async Task<bool> InstanceExistsAsync(string instanceId, CancellationToken cancellationToken)
    {
        if (_cache is not null)
        {
            return await ReadInstanceRowAsync(instanceId, cancellationToken) is not null;
        }

        Count();
        return (await _instances.GetEntityIfExistsAsync<TableEntity>(TableKeys.Partition(instanceId), TableKeys.InstanceRow(instanceId), ["RowKey"], cancellationToken)).HasValue;
    }

    private async Task DeliverStartAsync(OrchestrationMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var record = InstanceRecord.FromStartMessage(message, now);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await InsertNewInstanceAsync(record, message, now, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                var existing = await ReadInstanceRowAsync(message.InstanceId, cancellationToken);
                if (existing is { } e && !e.Record.RuntimeStatus.IsTerminal())
                {
                    return;
                }

                if (existing is not null)
                {
                    Count();
                    var seen = await _instances.GetEntityIfExistsAsync<TableEntity>(TableKeys.Partition(message.InstanceId), TableKeys.Received(message.MessageId), ["RowKey"], cancellationToken);
                    if (seen.HasValue)
                    {
                        return;
                    }
                }

                await DeletePartitionAsync(message.InstanceId, existing?.Record, cancellationToken);
            }
        }
    }

    /// <summary>Builds the received marker and pending row of a message, and the position of its due row.</summary>
    private (TableEntity Received, TableEntity Pending, string Position) MessageRows(string pk, OrchestrationMessage message, DateTimeOffset now, CommitMark? mark, string? carriedPosition = null)
    {
        var ticks = message.DueAt is { } due && due > now ? due.UtcTicks : now.UtcTicks;
        var position = carriedPosition ?? TableKeys.Position(ticks, Interlocked.Increment(ref _sequence));
        if (message.DueAt is not null)
        {
            _timerPositions[TimerKey(message.InstanceId, message.MessageId)] = position;
            if (ticks > (now + _options.ClaimLookahead).UtcTicks)
            {
                RememberFarDue(position);
            }
        }

        var received = new TableEntity(pk, TableKeys.Received(message.MessageId)) { ["WrittenTicks"] = now.UtcTicks };
        var pending = new TableEntity(pk, TableKeys.Message(message.MessageId))
        {
            ["IndexPos"] = position,
            ["WrittenTicks"] = now.UtcTicks,
        };
        mark?.Apply(pending);
        TablePayloads.Write(pending, "Data", TablePayloads.ToJson(message), message.InstanceId, $"message '{message.MessageId}' ({message.Event.EventType})");
        return (received, pending, position);
    }

    /// <summary>Remembers a due time beyond the claim look-ahead, so idle claims can report it without a query.</summary>
    private void RememberFarDue(string position)
    {
        lock (_farDue)
        {
            if (_farDue.Count < 100_000)
            {
                _farDue.Add(position);
            }
        }
    }

    /// <summary>Forgets a cancelled timer and returns the deletion of its due row, when this host wrote it.</summary>
    private BatchAction? ForgetTimer(string shard, string instanceId, string messageId)
    {
        if (!_timerPositions.TryRemove(TimerKey(instanceId, messageId), out var position))
        {
            return null;
        }

        lock (_farDue)
        {
            _farDue.Remove(position);
        }

        return new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, TableKeys.DueRow(position, instanceId, 'M', messageId)), ETag.All), Tolerant: true);
    }

    private static string TimerKey(string instanceId, string messageId) => string.Concat(instanceId, "\n", messageId);

    /// <summary>The due row of a message; small payloads of immediate messages are copied in so the claim needs no partition read.</summary>
    private TableEntity DueEntity(string shard, OrchestrationMessage message, string position)
    {
        _indexDirty = true;
        var entity = new TableEntity(shard, TableKeys.DueRow(position, message.InstanceId, 'M', message.MessageId))
        {
            ["Kind"] = "M",
            ["InstanceId"] = message.InstanceId,
            ["ItemId"] = message.MessageId,
        };
        // Timers are not inlined: a cancelled timer's row must not hand out a message the partition no longer has.
        var json = message.DueAt is null ? TablePayloads.ToJson(message) : null;
        if (json is not null && json.Length <= TablePayloads.InlineChars)
        {
            entity["Data"] = json;
        }

        return entity;
    }

    private TableEntity ActivityDueEntity(string shard, ActivityWorkItem item, string position, int dequeueCount)
    {
        _indexDirty = true;
        var entity = new TableEntity(shard, TableKeys.DueRow(position, item.InstanceId, 'A', item.Id))
        {
            ["Kind"] = "A",
            ["InstanceId"] = item.InstanceId,
            ["ItemId"] = item.Id,
            ["DequeueCount"] = dequeueCount,
        };
        var json = TablePayloads.ToJson(item with { LeaseToken = null, DequeueCount = 0 });
        if (json.Length <= TablePayloads.InlineChars)
        {
            entity["Data"] = json;
        }

        return entity;
    }

    /// <summary>The lookup row keys of <paramref name="record"/> (also used by the HTTP bench to seed stored instances).</summary>
    internal static IEnumerable<string> LookupRowKeys(InstanceRecord record)
    {
        yield return TableKeys.NameRow(record.Name, record.InstanceId);
        yield return TableKeys.StatusRow((int)record.RuntimeStatus, record.InstanceId);
        foreach (var (key, value) in record.Tags)
        {
            yield return TableKeys.TagPrefix(key, value) + TableKeys.Escape(record.InstanceId);
        }

        foreach (var (key, value) in record.BusinessKeys)
        {
            yield return TableKeys.BusinessKeyPrefix(key, value) + TableKeys.Escape(record.InstanceId);
        }
    }

    /// <summary>Lookup row changes from <paramref name="previous"/> (null: unknown, write all) to <paramref name="record"/>.</summary>
    private static IEnumerable<BatchAction> LookupActions(string shard, InstanceRecord record, KnownInstance? previous)
    {
        var id = record.InstanceId;
        if (previous is null)
        {
            foreach (var rk in LookupRowKeys(record))
            {
                yield return Upsert(new TableEntity(shard, rk) { ["InstanceId"] = id });
            }

            yield break;
        }

        if (previous.Status != record.RuntimeStatus)
        {
            yield return new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, TableKeys.StatusRow((int)previous.Status, id)), ETag.All), Tolerant: true);
            yield return Upsert(new TableEntity(shard, TableKeys.StatusRow((int)record.RuntimeStatus, id)) { ["InstanceId"] = id });
        }

        if (!SameKeys(previous.BusinessKeys, record.BusinessKeys))
        {
            foreach (var (key, value) in previous.BusinessKeys)
            {
                if (!record.BusinessKeys.TryGetValue(key, out var now) || now != value)
                {
                    yield return new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard, TableKeys.BusinessKeyPrefix(key, value) + TableKeys.Escape(id)), ETag.All), Tolerant: true);
                }
            }

            foreach (var (key, value) in record.BusinessKeys)
            {
                if (!previous.BusinessKeys.TryGetValue(key, out var before) || before != value)
                {
                    yield return Upsert(new TableEntity(shard, TableKeys.BusinessKeyPrefix(key, value) + TableKeys.Escape(id)) { ["InstanceId"] = id });
                }
            }
        }
    }

    private static bool SameKeys(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static BatchAction Upsert(TableEntity entity) => new(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));

    private static long Ticks(TableEntity row, string property) => row.GetInt64(property) ?? 0;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One transaction action; tolerant ones may be dropped when they fail (a row already gone).</summary>
    private sealed record BatchAction(TableTransactionAction Action, bool Tolerant = false);

    /// <summary>What this host last knew of an instance: the concurrency token, history length, and what its lookup rows say.</summary>
    private sealed record KnownInstance(string ETag, int HistoryLength, OrchestrationRuntimeStatus Status, IReadOnlyDictionary<string, string> BusinessKeys);

    /// <summary>Marks rows written by a step so the sweeper can tell a committed step's rows from a torn split commit's.</summary>
    private sealed record CommitMark(string ExecutionId, int HistoryLength)
    {
        public void Apply(TableEntity entity)
        {
            entity["ExecutionId"] = ExecutionId;
            entity["CommitLength"] = HistoryLength;
        }
    }

    /// <summary>A held instance lease: the marker row and the due rows of the claimed messages (for abandon).</summary>
    private sealed record InstanceLease(string InstanceId, string Shard, ETag MarkerETag, long ExpiresTicks);

    /// <summary>A held activity lease; <c>LeaseResult</c>: whether its result may lease the instance to this host directly (the sole activity of a step this host ran).</summary>
    private sealed record ActivityLease(string InstanceId, string ItemId, string Shard, ETag MarkerETag, TableEntity Marker, bool LeaseResult = false);
}
