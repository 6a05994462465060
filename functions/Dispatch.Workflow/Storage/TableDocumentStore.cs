using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Dispatch.Tables;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// Documents on Table Storage: one entity per document, the JSON split over <c>Data0</c>, <c>Data1</c>…
/// string properties (a property holds at most 32K UTF-16 characters), written with Replace so stale
/// chunks never survive. Insert-if-absent is AddEntity (409 = exists); guarded writes use If-Match. Writes to
/// one partition are group-committed (<see cref="PartitionWriteBatcher"/>).
/// </summary>
internal sealed class TableDocumentStore(TableServiceClient service, string tablePrefix = "") : IDocumentStore
{
    private const int ChunkChars = 30_000;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);
    private readonly PartitionWriteBatcher _writes = new();
    private long _requests;

    public long RequestCount => Interlocked.Read(ref _requests) + _writes.RequestCount;

    public async Task<Stored<T>?> GetAsync<T>(string table, string partition, string row, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? Read<T>(response.Value!) : null;
    }

    public Task<IReadOnlyList<Stored<T>>> QueryAsync<T>(string table, string? partition, CancellationToken cancellationToken = default) =>
        QueryFilterAsync<T>(table, partition is null ? null : $"PartitionKey eq '{Quote(partition)}'", cancellationToken);

    public Task<IReadOnlyList<Stored<T>>> QueryPrefixAsync<T>(string table, string partition, string rowPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(rowPrefix);
        var end = string.Concat(rowPrefix.AsSpan(0, rowPrefix.Length - 1), ((char)(rowPrefix[^1] + 1)).ToString());
        return QueryFilterAsync<T>(table, $"PartitionKey eq '{Quote(partition)}' and RowKey ge '{Quote(rowPrefix)}' and RowKey lt '{Quote(end)}'", cancellationToken);
    }

    private static string Quote(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private async Task<IReadOnlyList<Stored<T>>> QueryFilterAsync<T>(string table, string? filter, CancellationToken cancellationToken)
    {
        var client = await TableAsync(table, cancellationToken);
        var result = new List<Stored<T>>();
        await foreach (var page in client.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).AsPages())
        {
            Interlocked.Increment(ref _requests);
            result.AddRange(page.Values.Select(Read<T>));
        }

        return result;
    }

    public Task<string> UpsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default) =>
        UpsertJsonAsync(table, partition, row, Serialize(value), cancellationToken);

    public Task<string?> TryInsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default) =>
        TryInsertJsonAsync(table, partition, row, Serialize(value), cancellationToken);

    public Task<string?> TryReplaceAsync<T>(string table, string partition, string row, T value, string etag, CancellationToken cancellationToken = default) =>
        TryReplaceJsonAsync(table, partition, row, Serialize(value), etag, cancellationToken);

    public async Task<bool> TryDeleteAsync(string table, string partition, string row, string? etag, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            var delete = new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row), etag is null ? ETag.All : new ETag(etag));
            var response = await _writes.WriteAsync(client, delete, 0, cancellationToken);
            return response.Status is >= 200 and < 300;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>Serializes a document the way every write stores it.</summary>
    internal static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WorkflowJson.Options);

    /// <summary>Returns one row with its keys, JSON and ETag; null when absent.</summary>
    internal async Task<StoredRow?> GetRowAsync(string table, string partition, string row, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        var response = await client.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        return response.HasValue ? ReadRow(response.Value!) : null;
    }

    /// <summary>Returns every row of a table (all partitions, page by page), in storage order.</summary>
    internal async Task<IReadOnlyList<StoredRow>> QueryRowsAsync(string table, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        var result = new List<StoredRow>();
        await foreach (var page in client.QueryAsync<TableEntity>(filter: null, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            Interlocked.Increment(ref _requests);
            result.AddRange(page.Values.Select(ReadRow));
        }

        return result;
    }

    /// <summary>Writes already-serialized JSON (insert or replace); returns the new ETag.</summary>
    internal async Task<string> UpsertJsonAsync(string table, string partition, string row, string json, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        var upsert = new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(partition, row, json));
        var response = await _writes.WriteAsync(client, upsert, json.Length, cancellationToken);
        return response.Headers.ETag?.ToString() ?? string.Empty;
    }

    /// <summary>Inserts already-serialized JSON; returns null (writing nothing) when the row exists.</summary>
    internal async Task<string?> TryInsertJsonAsync(string table, string partition, string row, string json, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            var add = new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, row, json));
            var response = await _writes.WriteAsync(client, add, json.Length, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Replaces with already-serialized JSON when the stored ETag is <paramref name="etag"/>; null when it changed or the row is gone.</summary>
    internal async Task<string?> TryReplaceJsonAsync(string table, string partition, string row, string json, string etag, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        try
        {
            var replace = new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(partition, row, json), new ETag(etag));
            var response = await _writes.WriteAsync(client, replace, json.Length, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    // A failed create (storage down) is not cached: the next caller tries again.
    private Task<TableClient> TableAsync(string table, CancellationToken cancellationToken) =>
        _tables.GetOrRestart(table, NewTable).WaitAsync(cancellationToken);

    // Not the caller's token: one caller giving up must not fail the create the others wait for.
    private Lazy<Task<TableClient>> NewTable(string table) => new(async () =>
    {
        var client = service.GetTableClient(tablePrefix + table);
        Interlocked.Increment(ref _requests);
        await client.CreateIfNotExistsAsync(CancellationToken.None);
        return client;
    });

    /// <summary>The stored entity of a document's JSON (also used by the HTTP bench to seed documents).</summary>
    internal static TableEntity Entity(string partition, string row, string json)
    {
        var entity = new TableEntity(partition, row);
        for (int i = 0, offset = 0; offset < json.Length || i == 0; i++, offset += ChunkChars)
        {
            entity["Data" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }

        return entity;
    }

    private static string Json(TableEntity entity)
    {
        var json = new System.Text.StringBuilder();
        for (var i = 0; entity.GetString("Data" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            json.Append(chunk);
        }

        return json.ToString();
    }

    private static Stored<T> Read<T>(TableEntity entity) =>
        new(JsonSerializer.Deserialize<T>(Json(entity), WorkflowJson.Options)!, entity.ETag.ToString());

    private static StoredRow ReadRow(TableEntity entity) =>
        new(entity.PartitionKey, entity.RowKey, Json(entity), entity.ETag.ToString());
}
