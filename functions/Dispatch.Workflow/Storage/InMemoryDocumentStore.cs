using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// Documents in process memory, stored as JSON so reads never share instances with writers; ETags are a
/// per-store counter. JSON is written and read outside the table's lock, which guards only the swap, so
/// concurrent activities do not queue behind each other's serialization. For benches and tests; state is
/// lost when the process ends.
/// </summary>
internal sealed class InMemoryDocumentStore : IDocumentStore
{
    private readonly ConcurrentDictionary<string, SortedDictionary<(string Partition, string Row), (byte[] Json, string ETag)>> _tables = new(StringComparer.Ordinal);
    private long _requests;
    private long _version;

    public long RequestCount => Interlocked.Read(ref _requests);

    public Task<Stored<T>?> GetAsync<T>(string table, string partition, string row, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var rows = Table(table);
        (byte[] Json, string ETag) entry;
        bool found;
        lock (rows)
        {
            found = rows.TryGetValue((partition, row), out entry);
        }

        return Task.FromResult(found ? Read<T>(entry) : null);
    }

    public Task<IReadOnlyList<Stored<T>>> QueryAsync<T>(string table, string? partition, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var rows = Table(table);
        List<(byte[] Json, string ETag)> entries;
        lock (rows)
        {
            entries = rows
                .Where(r => partition is null || string.Equals(r.Key.Partition, partition, StringComparison.Ordinal))
                .Select(r => r.Value)
                .ToList();
        }

        IReadOnlyList<Stored<T>> result = entries.ConvertAll(Read<T>);
        return Task.FromResult(result);
    }

    public Task<IReadOnlyList<Stored<T>>> QueryPrefixAsync<T>(string table, string partition, string rowPrefix, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var rows = Table(table);
        lock (rows)
        {
            IReadOnlyList<Stored<T>> result = rows
                .Where(r => string.Equals(r.Key.Partition, partition, StringComparison.Ordinal) && r.Key.Row.StartsWith(rowPrefix, StringComparison.Ordinal))
                .OrderBy(r => r.Key.Row, StringComparer.Ordinal)
                .Select(r => Read<T>(r.Value))
                .ToList();
            return Task.FromResult(result);
        }
    }

    public Task<string> UpsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, WorkflowJson.Options);
        var rows = Table(table);
        lock (rows)
        {
            var etag = NextETag();
            rows[(partition, row)] = (json, etag);
            return Task.FromResult(etag);
        }
    }

    public Task<string?> TryInsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, WorkflowJson.Options);
        var rows = Table(table);
        lock (rows)
        {
            if (rows.ContainsKey((partition, row)))
            {
                return Task.FromResult<string?>(null);
            }

            var etag = NextETag();
            rows[(partition, row)] = (json, etag);
            return Task.FromResult<string?>(etag);
        }
    }

    public Task<string?> TryReplaceAsync<T>(string table, string partition, string row, T value, string etag, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var json = JsonSerializer.SerializeToUtf8Bytes(value, WorkflowJson.Options);
        var rows = Table(table);
        lock (rows)
        {
            if (!rows.TryGetValue((partition, row), out var current) || !string.Equals(current.ETag, etag, StringComparison.Ordinal))
            {
                return Task.FromResult<string?>(null);
            }

            var next = NextETag();
            rows[(partition, row)] = (json, next);
            return Task.FromResult<string?>(next);
        }
    }

    public Task<bool> TryDeleteAsync(string table, string partition, string row, string? etag, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _requests);
        var rows = Table(table);
        lock (rows)
        {
            if (!rows.TryGetValue((partition, row), out var current) || (etag is not null && !string.Equals(current.ETag, etag, StringComparison.Ordinal)))
            {
                return Task.FromResult(false);
            }

            rows.Remove((partition, row));
            return Task.FromResult(true);
        }
    }

    private SortedDictionary<(string Partition, string Row), (byte[] Json, string ETag)> Table(string name) =>
        _tables.GetOrAdd(name, _ => new SortedDictionary<(string Partition, string Row), (byte[] Json, string ETag)>(KeyComparer.Instance));

    private string NextETag() => "W/\"" + Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture) + "\"";

    private static Stored<T> Read<T>((byte[] Json, string ETag) entry) =>
        new(JsonSerializer.Deserialize<T>(entry.Json, WorkflowJson.Options)!, entry.ETag);

    private sealed class KeyComparer : IComparer<(string Partition, string Row)>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare((string Partition, string Row) x, (string Partition, string Row) y)
        {
            var c = string.CompareOrdinal(x.Partition, y.Partition);
            return c != 0 ? c : string.CompareOrdinal(x.Row, y.Row);
        }
    }
}
