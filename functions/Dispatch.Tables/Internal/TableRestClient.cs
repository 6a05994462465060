using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Tables.Internal;

/// <summary>
/// The one HTTP pipeline and endpoint a <see cref="TableServiceClient"/> and its <see cref="TableClient"/>s
/// share: builds requests with the Table headers, sends them, and turns failures into exceptions.
/// </summary>
internal sealed class TableRestClient
{
    public const string AcceptMinimal = "application/json;odata=minimalmetadata";
    public const string JsonContentType = "application/json";
    public const string StorageScope = "https://storage.azure.com/.default";

    private readonly string _scheme;
    private readonly string _host;
    private readonly int _port;

    private TableRestClient(Uri endpoint, HttpPipeline pipeline, string version, string? accountName)
    {
        Endpoint = endpoint;
        Pipeline = pipeline;
        Version = version;
        _scheme = endpoint.Scheme;
        _host = endpoint.Host;
        _port = endpoint.Port;
        BasePath = endpoint.AbsolutePath.TrimEnd('/');
        AbsoluteBase = string.Concat(endpoint.GetLeftPart(UriPartial.Authority), BasePath);
        AccountName = accountName ?? GuessAccountName(endpoint);
    }

    public Uri Endpoint { get; }

    public HttpPipeline Pipeline { get; }

    public string Version { get; }

    public string BasePath { get; }

    public string AccountName { get; }

    /// <summary>Gets <c>scheme://host:port/basePath</c>, the prefix of the absolute URLs inside a <c>$batch</c>.</summary>
    public string AbsoluteBase { get; }

    public static TableRestClient Create(Uri endpoint, TableClientOptions? options, HttpPipelinePolicy? authentication, string? accountName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http or https URI.", nameof(endpoint));
        }

        options ??= new TableClientOptions();
        foreach (var header in (string[])["x-ms-error-code", "ETag", "Preference-Applied", "DataServiceVersion", "x-ms-continuation-NextPartitionKey", "x-ms-continuation-NextRowKey", "x-ms-continuation-NextTableName"])
        {
            if (!options.Diagnostics.LoggedHeaderNames.Contains(header))
            {
                options.Diagnostics.LoggedHeaderNames.Add(header);
            }
        }

        foreach (var query in (string[])["$top", "$select", "NextTableName"])
        {
            if (!options.Diagnostics.LoggedQueryParameters.Contains(query))
            {
                options.Diagnostics.LoggedQueryParameters.Add(query);
            }
        }

        // A SAS in the endpoint's query is re-applied to every request by the policy below.
        if (authentication is null && endpoint.Query.Length > 1)
        {
            authentication = new SasQueryPolicy(new AzureSasCredential(endpoint.Query));
        }

        var baseEndpoint = new UriBuilder(endpoint) { Query = string.Empty, Fragment = string.Empty }.Uri;
        HttpPipelinePolicy[] perRetry = authentication switch
        {
            null => [DateHeaderPolicy.Instance],
            SharedKeyLitePolicy => [authentication],
            _ => [DateHeaderPolicy.Instance, authentication],
        };
        var pipeline = HttpPipelineBuilder.Build(options, [], perRetry, new ResponseClassifier());
        return new TableRestClient(baseEndpoint, pipeline, options.VersionString, accountName);
    }

    /// <summary>Creates a message for <c>{endpoint}{path}</c>; <paramref name="path"/> is already percent-encoded.</summary>
    public HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        var uri = request.Uri;
        uri.Scheme = _scheme;
        uri.Host = _host;
        uri.Port = _port;
        uri.Path = string.Concat(BasePath, path);
        var headers = request.Headers;
        headers.Add("x-ms-version", Version);
        headers.Add("DataServiceVersion", "3.0");
        headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        headers.Add("Accept", AcceptMinimal);
        return message;
    }

    /// <summary>Attaches a JSON body.</summary>
    public static void SetJsonContent(HttpMessage message, byte[] body)
    {
        message.Request.Headers.Add("Content-Type", JsonContentType);
        message.Request.Content = RequestContent.Create(body);
    }

    public async ValueTask<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return message.Response;
    }

    public static RequestFailedException Failure(Response response) => new(response, null, TableErrorParser.Instance);

    /// <summary>Builds <c>/{table}(PartitionKey='…',RowKey='…')</c> with quotes doubled, then percent-encoded.</summary>
    public static string EntityPath(string table, string partitionKey, string rowKey) =>
        string.Concat("/", table, "(PartitionKey='", EscapeKey(partitionKey), "',RowKey='", EscapeKey(rowKey), "')");

    public static string EscapeKey(string key) => Uri.EscapeDataString(key.Contains('\'', StringComparison.Ordinal) ? key.Replace("'", "''", StringComparison.Ordinal) : key);

    private static string GuessAccountName(Uri endpoint)
    {
        // Path-style (Azurite, http://host:port/account) or host-style (https://account.table.core.windows.net).
        var firstSegment = endpoint.AbsolutePath.Trim('/');
        if (firstSegment.Length > 0 && !firstSegment.Contains('/', StringComparison.Ordinal))
        {
            return firstSegment;
        }

        var dot = endpoint.Host.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? endpoint.Host[..dot] : endpoint.Host;
    }
}
