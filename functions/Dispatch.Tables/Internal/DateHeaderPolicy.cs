using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Tables.Internal;

/// <summary>Stamps <c>x-ms-date</c> on every attempt of a request that is not signed with a shared key (bearer, SAS).</summary>
internal sealed class DateHeaderPolicy : HttpPipelineSynchronousPolicy
{
    public static readonly DateHeaderPolicy Instance = new();

    public override void OnSendingRequest(HttpMessage message) =>
        message.Request.Headers.SetValue("x-ms-date", SharedKeyLitePolicy.CurrentDate());
}
