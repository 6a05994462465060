using System.Collections.Concurrent;
using System.Text.Json;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// A write-through, in-memory mirror of the workflow tables over a <see cref="TableDocumentStore"/>: reads
/// are answered from memory, writes go to Table Storage first and reach the mirror only once storage has
/// accepted them, with the ETag storage returned.
/// <para>
/// Valid ONLY while this process is the sole writer of its tables (standalone <c>./dispatch run</c>, the
/// benches): a write by anyone else is invisible to reads here until this process happens to write the
/// same row. On Azure Functions, which scales out to several hosts sharing the tables, it must stay off.
/// It exists because Azurite is a single Node thread that serves about 1,400 point reads a second and scans
/// the whole table for every query, so a host that asked it for every read could not answer 50 concurrent
/// clients within the HTTP latency bars.
/// </para>
/// <para>
/// Each table is loaded whole (every partition, page by page) by the first operation that touches it;
/// concurrent first users share that load and a failed load is retried by the next caller. Rows are kept as
/// JSON and deserialized per read, so callers never share mutable objects. Writes are serialized per row
/// (striped semaphores) so two writes of one row reach the mirror in the order storage took them; storage
/// stays the judge of ETag conditions and of conflicts on insert, and a write it refuses re-reads that row
/// into the mirror before returning, so a caller's read-change-replace loop never spins on a stale ETag.
/// </para>
/// </summary>
internal sealed class MirroredDocumentStore(TableDocumentStore inner) : IDocumentStore, IWorkflowStorageWarmUp
{
    private const int StripeCount = 1024;
    private static readonly IComparer<Entry> RowOrder = Comparer<Entry>.Create(static (x, y) => string.CompareOrdinal(x.Row, y.Row));
    private readonly ConcurrentDictionary<string, Lazy<Task<TableMirror>>> _tables = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, StripeCount).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>Gets the number of requests made to Table Storage; reads served from memory add nothing.</summary>
    public long RequestCount => inner.RequestCount;

    /// <inheritdoc />
    public Task WarmUpAsync(CancellationToken cancellationToken = default) => WarmUpAsync(WorkflowRepository.Tables, cancellationToken);

    /// <summary>Loads the given tables (names without the host's prefix) now, unless loaded already.</summary>
    public Task WarmUpAsync(IEnumerable<string> tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return Task.WhenAll(tables.Select(table => MirrorAsync(table, cancellationToken)));
    }

    public async Task<Stored<T>?> GetAsync<T>(string table, string partition, string row, CancellationToken cancellationToken = default)
    {
        var mirror = await MirrorAsync(table, cancellationToken);
        return mirror.Get(partition, row) is { } entry ? Read<T>(entry) : null;
    }

    public async Task<IReadOnlyList<Stored<T>>> QueryAsync<T>(string table, string? partition, CancellationToken cancellationToken = default)
    {
        var mirror = await MirrorAsync(table, cancellationToken);
        return mirror.Query(partition).ConvertAll(Read<T>);
    }

    public async Task<IReadOnlyList<Stored<T>>> QueryPrefixAsync<T>(string table, string partition, string rowPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowPrefix);
        var mirror = await MirrorAsync(table, cancellationToken);
        return mirror.QueryPrefix(partition, rowPrefix).ConvertAll(Read<T>);
    }

    public Task<string> UpsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        var json = TableDocumentStore.Serialize(value);
        return WriteAsync(
            table,
            partition,
            row,
            () => inner.UpsertJsonAsync(table, partition, row, json, cancellationToken),
            etag => Outcome.Set(new Entry(row, json, etag)),
            cancellationToken);
    }

    public Task<string?> TryInsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        var json = TableDocumentStore.Serialize(value);
        return WriteAsync(
            table,
            partition,
            row,
            () => inner.TryInsertJsonAsync(table, partition, row, json, cancellationToken),
            etag => etag is null ? Outcome.Refused : Outcome.Set(new Entry(row, json, etag)),
            cancellationToken);
    }

    public Task<string?> TryReplaceAsync<T>(string table, string partition, string row, T value, string etag, CancellationToken cancellationToken = default)
    {
        var json = TableDocumentStore.Serialize(value);
        return WriteAsync(
            table,
            partition,
            row,
            () => inner.TryReplaceJsonAsync(table, partition, row, json, etag, cancellationToken),
            next => next is null ? Outcome.Refused : Outcome.Set(new Entry(row, json, next)),
            cancellationToken);
    }

    public Task<bool> TryDeleteAsync(string table, string partition, string row, string? etag, CancellationToken cancellationToken = default) =>
        WriteAsync(
            table,
            partition,
            row,
            () => inner.TryDeleteAsync(table, partition, row, etag, cancellationToken),
            deleted => deleted ? Outcome.Removed : Outcome.Refused,
            cancellationToken);

    private static Stored<T> Read<T>(Entry entry) => new(JsonSerializer.Deserialize<T>(entry.Json, WorkflowJson.Options)!, entry.ETag);

    private async Task<TResult> WriteAsync<TResult>(string table, string partition, string row, Func<Task<TResult>> write, Func<TResult, Outcome> outcome, CancellationToken cancellationToken)
    {
        // Loaded first, so the load's snapshot can never miss a write made through this store.
        await MirrorAsync(table, cancellationToken);
        var stripe = _stripes[(HashCode.Combine(table, partition, row) & int.MaxValue) % StripeCount];
        await stripe.WaitAsync(cancellationToken);
        try
        {
            TResult result;
            try
            {
                result = await write();
            }
            catch
            {
                // The write may have landed before it failed (a timeout, a cancelled caller): learn the row's
                // state before anyone reads it. The write's own exception is the one the caller must see.
                try
                {
                    await RefreshAsync(table, partition, row);
                }
                catch
                {
                    // RefreshAsync has dropped the table, so the next caller reloads it.
                }

                throw;
            }

            var change = outcome(result);
            if (change.IsRefused)
            {
                await RefreshAsync(table, partition, row);
            }
            else
            {
                (await CurrentAsync(table))?.Apply(partition, row, change.Entry);
            }

            return result;
        }
        finally
        {
            stripe.Release();
        }
    }

    // Called under the row's stripe, so no write of this row can land between the read and the apply.
    private async Task RefreshAsync(string table, string partition, string row)
    {
        try
        {
            var stored = await inner.GetRowAsync(table, partition, row, CancellationToken.None);
            (await CurrentAsync(table))?.Apply(partition, row, stored is null ? null : new Entry(stored.Row, stored.Json, stored.ETag));
        }
        catch
        {
            // The row's state is unknown: drop the table rather than serve a guess; the next caller reloads it.
            if (_tables.TryGetValue(table, out var load))
            {
                _tables.TryRemove(KeyValuePair.Create(table, load));
            }

            throw;
        }
    }

    // The mirror a finished write must reach: the table's current one, which differs from the one the writer
    // started with only when the table was dropped and reloaded meanwhile (a reload whose snapshot may predate
    // the write, hence applying to it too). Null when that reload failed: the next caller loads afresh.
    private async Task<TableMirror?> CurrentAsync(string table)
    {
        try
        {
            return await MirrorAsync(table, CancellationToken.None);
        }
        catch
        {
            return null;
        }
    }

    private Task<TableMirror> MirrorAsync(string table, CancellationToken cancellationToken)
    {
        // A failed load is not cached: this caller starts the next attempt (or joins a concurrent one).
        var task = _tables.GetOrRestart(table, NewLoad);
        return task.IsCompletedSuccessfully ? task : task.WaitAsync(cancellationToken);
    }

    // The load ignores callers' tokens: one caller giving up must not fail the load the others wait for.
    private Lazy<Task<TableMirror>> NewLoad(string table) =>
        new(async () => new TableMirror(await inner.QueryRowsAsync(table, CancellationToken.None)));

    private sealed record Entry(string Row, string Json, string ETag);

    private readonly record struct Outcome(bool IsRefused, Entry? Entry)
    {
        public static Outcome Refused => new(true, null);

        public static Outcome Removed => new(false, null);

        public static Outcome Set(Entry entry) => new(false, entry);
    }

    /// <summary>
    /// One table: partitions in key order, each a set of rows in key order, behind one lock held only to copy
    /// references; point reads use a concurrent map beside it, so the many readers never wait on that lock.
    /// </summary>
    private sealed class TableMirror
    {
        private readonly SortedDictionary<string, SortedSet<Entry>> _partitions = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Partition, string Row), Entry> _rows = new();

        public TableMirror(IEnumerable<StoredRow> rows)
        {
            foreach (var row in rows)
            {
                Apply(row.Partition, row.Row, new Entry(row.Row, row.Json, row.ETag));
            }
        }

        public Entry? Get(string partition, string row) => _rows.TryGetValue((partition, row), out var entry) ? entry : null;

        public List<Entry> Query(string? partition)
        {
            lock (_partitions)
            {
                if (partition is null)
                {
                    return [.. _partitions.Values.SelectMany(rows => rows)];
                }

                return _partitions.TryGetValue(partition, out var found) ? [.. found] : [];
            }
        }

        public List<Entry> QueryPrefix(string partition, string prefix)
        {
            lock (_partitions)
            {
                if (!_partitions.TryGetValue(partition, out var rows) || rows.Max is not { } last || string.CompareOrdinal(last.Row, prefix) < 0)
                {
                    return [];
                }

                // Keys sharing a prefix are contiguous in ordinal order, from the prefix itself to just before
                // the prefix with its last character raised; the view's upper bound is inclusive, so the one
                // key equal to that bound is filtered out.
                var upper = prefix[^1] == char.MaxValue
                    ? last
                    : Probe(string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(prefix[^1] + 1)]));
                return [.. rows.GetViewBetween(Probe(prefix), upper).Where(e => e.Row.StartsWith(prefix, StringComparison.Ordinal))];
            }
        }

        /// <summary>Stores the row's entry, or removes the row when <paramref name="entry"/> is null.</summary>
        public void Apply(string partition, string row, Entry? entry)
        {
            lock (_partitions)
            {
                if (entry is null)
                {
                    _rows.TryRemove((partition, row), out _);
                    if (_partitions.TryGetValue(partition, out var rows) && rows.Remove(Probe(row)) && rows.Count == 0)
                    {
                        _partitions.Remove(partition);
                    }

                    return;
                }

                if (!_partitions.TryGetValue(partition, out var set))
                {
                    set = new SortedSet<Entry>(RowOrder);
                    _partitions.Add(partition, set);
                }

                set.Remove(entry);
                set.Add(entry);
                _rows[(partition, row)] = entry;
            }
        }

        private static Entry Probe(string row) => new(row, string.Empty, string.Empty);
    }
}
