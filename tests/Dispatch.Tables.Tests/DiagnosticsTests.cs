using System.Diagnostics.Tracing;
using System.Net;
using Azure;
using Azure.Core.Diagnostics;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Request_WithAzureEventListener_LogsRequestAndErrorCodeHeader()
    {
        var messages = new List<string>();
        using var listener = new AzureEventSourceListener(
            (_, message) =>
            {
                lock (messages)
                {
                    messages.Add(message);
                }
            },
            EventLevel.Verbose);
        var handler = new CannedHandler().Answer(HttpStatusCode.Conflict, """{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"The specified entity already exists."}}}""", ("x-ms-error-code", "EntityAlreadyExists"));
        var table = new TableClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), "logged", new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey), handler.Options());

        await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        var requestId = handler.Requests.Single().Headers.GetValues("x-ms-client-request-id").Single();
        lock (messages)
        {
            messages.ShouldContain(m => m.Contains(requestId, StringComparison.Ordinal) && m.Contains("/devstoreaccount1/logged", StringComparison.Ordinal));
            messages.ShouldContain(m => m.Contains("x-ms-error-code:EntityAlreadyExists", StringComparison.Ordinal));
        }
    }
}
