using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Dispatch.Tables.Internal;
using Dispatch.Tables.Models;

namespace Dispatch.Tables;

/// <summary>
/// The Table service of one storage account: create, delete and list tables, and hand out
/// <see cref="TableClient"/>s that share this client's HTTP pipeline. Thread-safe; create one and reuse it.
/// </summary>
public class TableServiceClient
{
    private readonly TableRestClient _rest;

    /// <summary>Creates a client from a storage connection string (account key, SAS, or <c>UseDevelopmentStorage=true</c>).</summary>
    /// <param name="connectionString">The connection string.</param>
    public TableServiceClient(string connectionString)
        : this(connectionString, null)
    {
    }

    /// <summary>Creates a client from a storage connection string with options.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableServiceClient(string connectionString, TableClientOptions? options)
    {
        var parsed = TableConnectionString.Parse(connectionString);
        _rest = parsed.SharedKey is not null
            ? TableRestClient.Create(parsed.Endpoint, options, new SharedKeyLitePolicy(parsed.SharedKey), parsed.SharedKey.AccountName)
            : TableRestClient.Create(parsed.Endpoint, options, new SasQueryPolicy(new AzureSasCredential(parsed.Sas!)), null);
    }

    /// <summary>Creates a client that signs requests with an account key (SharedKeyLite).</summary>
    /// <param name="endpoint">The Table service endpoint, e.g. <c>https://account.table.core.windows.net</c>.</param>
    /// <param name="credential">The account name and key.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableServiceClient(Uri endpoint, TableSharedKeyCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _rest = TableRestClient.Create(endpoint, options, new SharedKeyLitePolicy(credential), credential.AccountName);
    }

    /// <summary>Creates a client that authenticates with Microsoft Entra ID tokens (scope <c>https://storage.azure.com/.default</c>).</summary>
    /// <param name="endpoint">The Table service endpoint.</param>
    /// <param name="tokenCredential">The credential, e.g. <c>DefaultAzureCredential</c> or a managed identity.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableServiceClient(Uri endpoint, TokenCredential tokenCredential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tokenCredential);
        _rest = TableRestClient.Create(endpoint, options, new BearerTokenAuthenticationPolicy(tokenCredential, TableRestClient.StorageScope), null);
    }

    /// <summary>Creates a client that appends a shared access signature to every request.</summary>
    /// <param name="endpoint">The Table service endpoint.</param>
    /// <param name="credential">The SAS token.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableServiceClient(Uri endpoint, AzureSasCredential credential, TableClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _rest = TableRestClient.Create(endpoint, options, new SasQueryPolicy(credential), null);
    }

    /// <summary>Creates a client for an endpoint whose query string already holds a SAS token.</summary>
    /// <param name="endpoint">The Table service endpoint including <c>?sv=…&amp;sig=…</c>.</param>
    /// <param name="options">Retry, diagnostics and version options.</param>
    public TableServiceClient(Uri endpoint, TableClientOptions? options = null)
    {
        _rest = TableRestClient.Create(endpoint, options, null, null);
    }

    /// <summary>Creates a client for mocking.</summary>
    protected TableServiceClient()
    {
        _rest = null!;
    }

    internal TableRestClient Rest => _rest;

    /// <summary>Gets the storage account name.</summary>
    public virtual string AccountName => _rest.AccountName;

    /// <summary>Gets the Table service endpoint.</summary>
    public virtual Uri Uri => _rest.Endpoint;

    /// <summary>Returns a client for one table, sharing this client's pipeline. The table need not exist yet.</summary>
    /// <param name="tableName">The table name: 3–63 letters and digits, starting with a letter.</param>
    /// <returns>The table client.</returns>
    public virtual TableClient GetTableClient(string tableName)
    {
        TableValidation.ValidateTableName(tableName, nameof(tableName));
        return new TableClient(_rest, tableName);
    }

    /// <summary>Creates a table; fails with 409 <c>TableAlreadyExists</c> when it exists.</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The created table.</returns>
    public virtual async Task<Response<TableItem>> CreateTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        var response = await CreateTableCoreAsync(_rest, tableName, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 ? Response.FromValue(new TableItem(tableName), response) : throw TableRestClient.Failure(response);
    }

    /// <summary>Creates a table unless it exists; never fails for an existing table.</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The table, with the raw response (201/204 when created, 409 when it existed).</returns>
    public virtual async Task<Response<TableItem>> CreateTableIfNotExistsAsync(string tableName, CancellationToken cancellationToken = default)
    {
        var response = await CreateTableCoreAsync(_rest, tableName, cancellationToken).ConfigureAwait(false);
        return response.Status is 201 or 204 or 409 ? Response.FromValue(new TableItem(tableName), response) : throw TableRestClient.Failure(response);
    }

    /// <summary>Deletes a table and all its entities. A missing table is not an error: the response is then 404.</summary>
    /// <param name="tableName">The table name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The raw response.</returns>
    public virtual Task<Response> DeleteTableAsync(string tableName, CancellationToken cancellationToken = default) =>
        DeleteTableCoreAsync(_rest, tableName, cancellationToken);

    /// <summary>Lists the tables, optionally filtered (e.g. <c>TableName ge 'a'</c>), following continuations.</summary>
    /// <param name="filter">An OData filter on <c>TableName</c>, or null for all tables.</param>
    /// <param name="maxPerPage">The page size, or null for the service's default (1,000).</param>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <returns>The tables, page by page.</returns>
    public virtual AsyncPageable<TableItem> QueryTablesAsync(string? filter = null, int? maxPerPage = null, CancellationToken cancellationToken = default)
    {
        if (maxPerPage is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPerPage), maxPerPage, "The page size must be positive.");
        }

        return new TablePageable<TableItem>((token, size, ct) => QueryTablesPageAsync(filter, token, size, ct), maxPerPage, cancellationToken);
    }

    internal static async ValueTask<Response> CreateTableCoreAsync(TableRestClient rest, string tableName, CancellationToken cancellationToken)
    {
        TableValidation.ValidateTableName(tableName, nameof(tableName));
        using var message = rest.CreateMessage(RequestMethod.Post, "/Tables");
        message.Request.Headers.Add("Prefer", "return-no-content");
        var cache = EntitySerializer.RentWriter();
        byte[] body;
        try
        {
            cache.Writer.WriteStartObject();
            cache.Writer.WriteString("TableName"u8, tableName);
            cache.Writer.WriteEndObject();
            cache.Writer.Flush();
            body = cache.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            EntitySerializer.ReturnWriter(cache);
        }

        TableRestClient.SetJsonContent(message, body);
        return await rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<Response> DeleteTableCoreAsync(TableRestClient rest, string tableName, CancellationToken cancellationToken)
    {
        TableValidation.ValidateTableName(tableName, nameof(tableName));
        using var message = rest.CreateMessage(RequestMethod.Delete, string.Concat("/Tables('", tableName, "')"));
        var response = await rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return response.Status is 204 or 404 ? response : throw TableRestClient.Failure(response);
    }

    private async ValueTask<Page<TableItem>> QueryTablesPageAsync(string? filter, string? continuation, int? pageSize, CancellationToken cancellationToken)
    {
        using var message = _rest.CreateMessage(RequestMethod.Get, "/Tables");
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }

        if (pageSize is { } top)
        {
            uri.AppendQuery("$top", top.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }

        if (!string.IsNullOrEmpty(continuation))
        {
            uri.AppendQuery("NextTableName", continuation, escapeValue: true);
        }

        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 200)
        {
            throw TableRestClient.Failure(response);
        }

        List<TableItem> tables;
        try
        {
            tables = ResponseParser.ReadTables(response.Content.ToMemory().Span);
        }
        catch (JsonException ex)
        {
            throw new RequestFailedException(response.Status, $"The table list could not be read: {ex.Message}", null, ex);
        }

        response.Headers.TryGetValue("x-ms-continuation-NextTableName", out var next);
        return Page<TableItem>.FromValues(tables, string.IsNullOrEmpty(next) ? null : next, response);
    }
}
