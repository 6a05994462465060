using System.Collections.Concurrent;
using System.Text.Json;
using Azure;
using Dispatch.Tables;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// Documents on Table Storage: one entity per document, the JSON split over <c>Data0</c>, <c>Data1</c>…
/// string properties (a property holds at most 32K UTF-16 characters), written with Replace so stale
/// chunks never survive. Insert-if-absent is AddEntity (409 = exists); guarded writes use If-Match.
/// </summary>
internal sealed class TableDocumentStore(TableServiceClient service, string tablePrefix = "") : IDocumentStore
{
    private const int ChunkChars = 30_000;
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> _tables = new(StringComparer.Ordinal);
    private long _requests;

    public long RequestCount => Interlocked.Read(ref _requests);

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

    public async Task<string> UpsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        var response = await client.UpsertEntityAsync(Entity(partition, row, value), TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag?.ToString() ?? string.Empty;
    }

    public async Task<string?> TryInsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        try
        {
            var response = await client.AddEntityAsync(Entity(partition, row, value), cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<string?> TryReplaceAsync<T>(string table, string partition, string row, T value, string etag, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        try
        {
            var response = await client.UpdateEntityAsync(Entity(partition, row, value), new ETag(etag), TableUpdateMode.Replace, cancellationToken);
            return response.Headers.ETag?.ToString() ?? string.Empty;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    public async Task<bool> TryDeleteAsync(string table, string partition, string row, string? etag, CancellationToken cancellationToken = default)
    {
        var client = await TableAsync(table, cancellationToken);
        Interlocked.Increment(ref _requests);
        try
        {
            var response = await client.DeleteEntityAsync(partition, row, etag is null ? ETag.All : new ETag(etag), cancellationToken);
            return response.Status is >= 200 and < 300;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    private Task<TableClient> TableAsync(string table, CancellationToken cancellationToken) =>
        _tables.GetOrAdd(table, name => new Lazy<Task<TableClient>>(async () =>
        {
            var client = service.GetTableClient(tablePrefix + name);
            Interlocked.Increment(ref _requests);
            await client.CreateIfNotExistsAsync(cancellationToken);
            return client;
        })).Value;

    private static TableEntity Entity<T>(string partition, string row, T value)
    {
        var json = JsonSerializer.Serialize(value, WorkflowJson.Options);
        var entity = new TableEntity(partition, row);
        for (int i = 0, offset = 0; offset < json.Length || i == 0; i++, offset += ChunkChars)
        {
            entity["Data" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }

        return entity;
    }

    private static Stored<T> Read<T>(TableEntity entity)
    {
        var json = new System.Text.StringBuilder();
        for (var i = 0; entity.GetString("Data" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } chunk; i++)
        {
            json.Append(chunk);
        }

        return new Stored<T>(JsonSerializer.Deserialize<T>(json.ToString(), WorkflowJson.Options)!, entity.ETag.ToString());
    }
}
