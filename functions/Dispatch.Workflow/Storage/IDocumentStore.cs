namespace Dispatch.Workflow.Storage;

/// <summary>
/// The little the repositories need from storage: JSON documents by (table, partition, row) with
/// ETag-guarded writes. One implementation on Table Storage, one in memory for benches and tests.
/// </summary>
internal interface IDocumentStore
{
    /// <summary>Gets the number of storage requests made so far.</summary>
    long RequestCount { get; }

    Task<Stored<T>?> GetAsync<T>(string table, string partition, string row, CancellationToken cancellationToken = default);

    /// <summary>Returns every document of a partition (or of the table when <paramref name="partition"/> is null), in row order.</summary>
    Task<IReadOnlyList<Stored<T>>> QueryAsync<T>(string table, string? partition, CancellationToken cancellationToken = default);

    /// <summary>Returns the documents of a partition whose row key starts with <paramref name="rowPrefix"/>, in row order (a range read, not a partition scan).</summary>
    Task<IReadOnlyList<Stored<T>>> QueryPrefixAsync<T>(string table, string partition, string rowPrefix, CancellationToken cancellationToken = default);

    Task<string> UpsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default);

    /// <summary>Inserts; returns null (writing nothing) when the row exists.</summary>
    Task<string?> TryInsertAsync<T>(string table, string partition, string row, T value, CancellationToken cancellationToken = default);

    /// <summary>Replaces when the stored ETag is <paramref name="etag"/>; returns null (writing nothing) when it changed or the row is gone.</summary>
    Task<string?> TryReplaceAsync<T>(string table, string partition, string row, T value, string etag, CancellationToken cancellationToken = default);

    /// <summary>Deletes when the stored ETag is <paramref name="etag"/> (any when null); false when it changed or the row is gone.</summary>
    Task<bool> TryDeleteAsync(string table, string partition, string row, string? etag, CancellationToken cancellationToken = default);
}
