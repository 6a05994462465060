namespace Dispatch.Tables.Internal;

/// <summary>
/// A parsed storage connection string, reduced to what the Table service needs: the endpoint and either a
/// shared key or a SAS token.
/// </summary>
internal sealed class TableConnectionString
{
    // The emulator's documented, public development account; not a secret.
    internal const string DevelopmentAccountName = "devstoreaccount1";
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private TableConnectionString(Uri endpoint, TableSharedKeyCredential? sharedKey, string? sas)
    {
        Endpoint = endpoint;
        SharedKey = sharedKey;
        Sas = sas;
    }

    public Uri Endpoint { get; }

    public TableSharedKeyCredential? SharedKey { get; }

    public string? Sas { get; }

    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                // The segment is not echoed: it could hold part of a key.
                throw new ArgumentException($"The connection string's segment #{i + 1} is not of the form name=value.", nameof(connectionString));
            }

            parts[segment[..eq].Trim()] = segment[(eq + 1)..].Trim();
        }

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var useDev) && useDev)
        {
            var proxy = parts.TryGetValue("DevelopmentStorageProxyUri", out var p) ? new Uri(p) : new Uri("http://127.0.0.1");
            var endpoint = new Uri($"{proxy.Scheme}://{proxy.Host}:10002/{DevelopmentAccountName}");
            return new TableConnectionString(endpoint, new TableSharedKeyCredential(DevelopmentAccountName, DevelopmentAccountKey), null);
        }

        parts.TryGetValue("AccountName", out var accountName);
        parts.TryGetValue("AccountKey", out var accountKey);
        parts.TryGetValue("SharedAccessSignature", out var sas);
        Uri? tableEndpoint = null;
        if (parts.TryGetValue("TableEndpoint", out var te))
        {
            if (!Uri.TryCreate(te, UriKind.Absolute, out tableEndpoint))
            {
                throw new ArgumentException($"The connection string's TableEndpoint '{te}' is not an absolute URI.", nameof(connectionString));
            }
        }
        else if (!string.IsNullOrEmpty(accountName))
        {
            var protocol = parts.TryGetValue("DefaultEndpointsProtocol", out var proto) ? proto : "https";
            var suffix = parts.TryGetValue("EndpointSuffix", out var s) ? s : "core.windows.net";
            tableEndpoint = new Uri($"{protocol}://{accountName}.table.{suffix}");
        }

        if (tableEndpoint is null)
        {
            throw new ArgumentException("The connection string names neither a TableEndpoint nor an AccountName.", nameof(connectionString));
        }

        if (!string.IsNullOrEmpty(accountKey))
        {
            if (string.IsNullOrEmpty(accountName))
            {
                throw new ArgumentException("The connection string has an AccountKey but no AccountName.", nameof(connectionString));
            }

            return new TableConnectionString(tableEndpoint, new TableSharedKeyCredential(accountName, accountKey), null);
        }

        if (!string.IsNullOrEmpty(sas))
        {
            return new TableConnectionString(tableEndpoint, null, sas.TrimStart('?'));
        }

        throw new ArgumentException("The connection string has neither an AccountKey nor a SharedAccessSignature.", nameof(connectionString));
    }
}
