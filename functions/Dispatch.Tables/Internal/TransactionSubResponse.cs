using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Dispatch.Tables.Internal;

/// <summary>The response to one action of a transaction, cut out of the multipart <c>$batch</c> answer.</summary>
internal sealed class TransactionSubResponse(int status, string reasonPhrase, List<HttpHeader> headers, ReadOnlyMemory<byte> content, string clientRequestId) : Response
{
    private Stream? _contentStream = content.IsEmpty ? null : new MemoryStream(content.ToArray(), writable: false);

    public override int Status => status;

    public override string ReasonPhrase => reasonPhrase;

    public override Stream? ContentStream
    {
        get => _contentStream;
        set => _contentStream = value;
    }

    public override string ClientRequestId
    {
        get => clientRequestId;
        set => clientRequestId = value;
    }

    public override void Dispose() => _contentStream?.Dispose();

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = header.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        var found = TryGetHeader(name, out var value);
        values = found ? [value!] : null;
        return found;
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers;
}
