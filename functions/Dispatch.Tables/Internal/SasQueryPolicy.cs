using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Tables.Internal;

/// <summary>Appends a shared access signature to every request's query string.</summary>
internal sealed class SasQueryPolicy(AzureSasCredential credential) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var sas = credential.Signature.TrimStart('?');
        var uri = message.Request.Uri;
        var query = uri.Query;
        if (query.Contains(sas, StringComparison.Ordinal))
        {
            // A retry reuses the request: sign once.
            return;
        }

        uri.Query = query.Length <= 1 ? "?" + sas : string.Concat(query, "&", sas);
    }
}
