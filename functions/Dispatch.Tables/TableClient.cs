using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Core;
using Dispatch.Tables.Internal;
using Dispatch.Tables.Models;

namespace Dispatch.Tables;

/// <summary>
/// One table: create or delete it, and add, upsert, update, read, query and delete its entities, alone or
/// in atomic transactions. Entities are <see cref="TableEntity"/> dictionaries or POCOs implementing
/// <see cref="ITableEntity"/>. Thread-safe; create one per table and reuse it.
/// </summary>
public partial class TableClient
{
    private readonly TableRestClient _rest;
    private readonly string _table;
    private readonly string _queryPath;

    /// <summary>Creates a client for one table from a storage connection string.</summary>
    /// <param name="connectionString">The connection string (account key, SAS, or <c>UseDevelopmentStorage=true</c>).</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableClient(string connectionString, string tableName, TableClientOptions? options = null)
        : this(new TableServiceClient(connectionString, options).Rest, tableName)
    {
    }

    /// <summary>Creates a client for one table that signs requests with an account key.</summary>
    /// <param name="endpoint">The Table service endpoint.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableClient(Uri endpoint, string tableName, TableSharedKeyCredential credential, TableClientOptions? options = null)
        : this(new TableServiceClient(endpoint, credential, options).Rest, tableName)
    {
    }

    /// <summary>Creates a client for one table that authenticates with Microsoft Entra ID tokens.</summary>
    /// <param name="endpoint">The Table service endpoint.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="tokenCredential">The credential.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableClient(Uri endpoint, string tableName, TokenCredential tokenCredential, TableClientOptions? options = null)
        : this(new TableServiceClient(endpoint, tokenCredential, options).Rest, tableName)
    {
    }

    /// <summary>Creates a client for one table that appends a shared access signature to every request.</summary>
    /// <param name="endpoint">The Table service endpoint.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="credential">The SAS token.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableClient(Uri endpoint, string tableName, AzureSasCredential credential, TableClientOptions? options = null)
        : this(new TableServiceClient(endpoint, credential, options).Rest, tableName)
    {
    }

    internal TableClient(TableRestClient rest, string tableName)
    {
        TableValidation.ValidateTableName(tableName, nameof(tableName));
        _rest = rest;
        _table = tableName;
        _queryPath = string.Concat("/", tableName, "()");
    }

    /// <summary>Creates a client for mocking.</summary>
    protected TableClient()
    {
        _rest = null!;
        _table = null!;
        _queryPath = null!;
    }

    /// <summary>Gets the table name.</summary>
    public virtual string Name => _table;

    /// <summary>Gets the storage account name.</summary>
    public virtual string AccountName => _rest.AccountName;

    /// <summary>Gets the table's URI.</summary>
    public virtual Uri Uri => new(string.Concat(_rest.Endpoint.GetLeftPart(UriPartial.Authority), _rest.BasePath, "/", _table));

    /// <summary>Creates the table; fails with 409 <c>TableAlreadyExists</c> when it exists.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created table.</returns>
    public virtual async Task<Response<TableItem>> CreateAsync(CancellationToken cancellationToken = default)
    {
        var response = await TableServiceClient.CreateTableCoreAsync(_rest, _table, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 ? Response.FromValue(new TableItem(_table), response) : throw TableRestClient.Failure(response);
    }

    /// <summary>Creates the table unless it exists; never fails for an existing table.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The table, with the raw response (201/204 when created, 409 when it existed).</returns>
    public virtual async Task<Response<TableItem>> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        var response = await TableServiceClient.CreateTableCoreAsync(_rest, _table, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 or 409 ? Response.FromValue(new TableItem(_table), response) : throw TableRestClient.Failure(response);
    }

    /// <summary>Deletes the table and all its entities; a missing table gives a 404 response, not an exception.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response.</returns>
    public virtual Task<Response> DeleteAsync(CancellationToken cancellationToken = default) =>
        TableServiceClient.DeleteTableCoreAsync(_rest, _table, cancellationToken);

    /// <summary>Inserts an entity; fails with 409 <c>EntityAlreadyExists</c> when its keys are taken.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response; <c>Headers.ETag</c> holds the new entity's ETag.</returns>
    public virtual async Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var body = EntitySerializer.Serialize(entity);
        using var message = _rest.CreateMessage(RequestMethod.Post, string.Concat("/", _table));
        message.Request.Headers.Add("Prefer", "return-no-content");
        TableRestClient.SetJsonContent(message, body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 201 ? response : throw TableRestClient.Failure(response);
    }

    /// <summary>Inserts the entity, or merges into / replaces the existing one with the same keys.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="mode"><see cref="TableUpdateMode.Merge"/> keeps stored properties the entity lacks; <see cref="TableUpdateMode.Replace"/> drops them.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response; <c>Headers.ETag</c> holds the new ETag.</returns>
    public virtual Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity =>
        WriteEntityAsync(entity, ifMatch: null, mode, cancellationToken);

    /// <summary>Updates an existing entity if its ETag still matches (or always with <see cref="ETag.All"/>).</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="entity">The entity.</param>
    /// <param name="ifMatch">The ETag read earlier, or <see cref="ETag.All"/>; a stale one fails with 412.</param>
    /// <param name="mode"><see cref="TableUpdateMode.Merge"/> or <see cref="TableUpdateMode.Replace"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response; <c>Headers.ETag</c> holds the new ETag.</returns>
    public virtual Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : ITableEntity
    {
        if (ifMatch == default)
        {
            throw new ArgumentException("An update needs the entity's ETag or ETag.All in ifMatch.", nameof(ifMatch));
        }

        return WriteEntityAsync(entity, ifMatch.ToString(), mode, cancellationToken);
    }

    /// <summary>Deletes an entity. Without <paramref name="ifMatch"/> it deletes unconditionally; a missing entity gives a 404 response, not an exception.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="ifMatch">The ETag read earlier (a stale one fails with 412), or default for any version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response (204, or 404 when there was nothing to delete).</returns>
    public virtual async Task<Response> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        TableValidation.ValidateKey(partitionKey, "PartitionKey", nameof(partitionKey));
        TableValidation.ValidateKey(rowKey, "RowKey", nameof(rowKey));
        using var message = _rest.CreateMessage(RequestMethod.Delete, TableRestClient.EntityPath(_table, partitionKey, rowKey));
        message.Request.Headers.Add("If-Match", ifMatch == default ? "*" : ifMatch.ToString());
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 404 ? response : throw TableRestClient.Failure(response);
    }

    /// <summary>Deletes the given entity by its keys, like <see cref="DeleteEntityAsync(string, string, ETag, CancellationToken)"/>.</summary>
    /// <param name="entity">The entity whose keys identify the row.</param>
    /// <param name="ifMatch">The ETag read earlier, or default for any version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response.</returns>
    public virtual Task<Response> DeleteEntityAsync(ITableEntity entity, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ifMatch, cancellationToken);
    }

    /// <summary>Reads one entity; fails with 404 <c>ResourceNotFound</c> when it does not exist.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">The properties to read, or null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity, its ETag and Timestamp set.</returns>
    public virtual async Task<Response<T>> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var (response, entity) = await GetEntityCoreAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        return entity is null ? throw TableRestClient.Failure(response) : Response.FromValue(entity, response);
    }

    /// <summary>Reads one entity, or answers without a value when it does not exist.</summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    /// <param name="select">The properties to read, or null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The entity when <c>HasValue</c>.</returns>
    public virtual async Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        var (response, entity) = await GetEntityCoreAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false);
        if (entity is not null)
        {
            return Response.FromValue(entity, response);
        }

        return response.Status == 404 ? new NoValueResponse<T>(response) : throw TableRestClient.Failure(response);
    }

    /// <summary>
    /// Queries entities with an OData filter (build it with <see cref="CreateQueryFilter(FormattableString)"/>), page by
    /// page, following continuation tokens until the service has no more (empty pages with a token included).
    /// </summary>
    /// <typeparam name="T">The entity type.</typeparam>
    /// <param name="filter">The filter, or null for every entity.</param>
    /// <param name="maxPerPage">The page size (the service caps it at 1,000), or null for the largest.</param>
    /// <param name="select">The properties to read, or null for all.</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The entities; iterate with <c>await foreach</c> or by <c>AsPages()</c>.</returns>
    public virtual AsyncPageable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity, new()
    {
        if (maxPerPage is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "The page size must be positive.");
        }

        var selectText = JoinSelect(select);
        return new TablePageable<T>((token, size, ct) => QueryPageAsync<T>(filter, selectText, token, size, ct), maxPerPage, cancellationToken);
    }

    private async Task<Response> WriteEntityAsync<T>(T entity, string? ifMatch, TableUpdateMode mode, CancellationToken cancellationToken)
        where T : ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        var method = mode switch
        {
            TableUpdateMode.Merge => RequestMethod.Patch,
            TableUpdateMode.Replace => RequestMethod.Put,
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown update mode."),
        };
        var body = EntitySerializer.Serialize(entity);
        using var message = _rest.CreateMessage(method, TableRestClient.EntityPath(_table, entity.PartitionKey, entity.RowKey));
        if (ifMatch is not null)
        {
            message.Request.Headers.Add("If-Match", ifMatch);
        }

        TableRestClient.SetJsonContent(message, body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status == 204 ? response : throw TableRestClient.Failure(response);
    }

    private async Task<(Response Response, T? Entity)> GetEntityCoreAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        TableValidation.ValidateKey(partitionKey, "PartitionKey", nameof(partitionKey));
        TableValidation.ValidateKey(rowKey, "RowKey", nameof(rowKey));
        using var message = _rest.CreateMessage(RequestMethod.Get, TableRestClient.EntityPath(_table, partitionKey, rowKey));
        if (JoinSelect(select) is { } selectText)
        {
            message.Request.Uri.AppendQuery("$select", selectText, escapeValue: true);
        }

        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            return (response, null);
        }

        T entity;
        try
        {
            entity = ResponseParser.ReadEntity<T>(response.Content.ToMemory().Span);
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException(response.Status, $"The entity could not be read: {ex.Message}", null, ex);
        }

        if (entity.ETag == default && response.Headers.ETag is { } etag)
        {
            entity.ETag = etag;
        }

        return (response, entity);
    }

    private async ValueTask<Page<T>> QueryPageAsync<T>(string? filter, string? select, string? continuation, int? pageSize, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, _queryPath);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (pageSize is { } top)
        {
            uri.AppendQuery("$top", top.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (select is not null)
        {
            uri.AppendQuery("$select", select, escapeValue: true);
        }

        if (!string.IsNullOrEmpty(continuation))
        {
            // "NextPartitionKey NextRowKey": the service's tokens are opaque and never contain a space.
            var space = continuation.IndexOf(' ', StringComparison.Ordinal);
            uri.AppendQuery("NextPartitionKey", space < 0 ? continuation : continuation[..space], escapeValue: true);
            if (space >= 0)
            {
                uri.AppendQuery("NextRowKey", continuation[(space + 1)..], escapeValue: true);
            }
        }

        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw TableRestClient.Failure(response);
        }

        List<T> entities;
        try
        {
            entities = ResponseParser.ReadEntities<T>(response.Content.ToMemory().Span, pageSize ?? 16);
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException(response.Status, $"The query response could not be read: {ex.Message}", null, ex);
        }

        string? next = null;
        if (response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPk) && !string.IsNullOrEmpty(nextPk))
        {
            next = response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRk) && !string.IsNullOrEmpty(nextRk)
                ? string.Concat(nextPk, " ", nextRk)
                : nextPk;
        }

        return Page<T>.FromValues(entities, next, response);
    }

    private static string? JoinSelect(IEnumerable<string>? select)
    {
        if (select is null)
        {
            return null;
        }

        var joined = string.Join(',', select);
        return joined.Length == 0 ? null : joined;
    }
}
