using System.Text.Json.Serialization;

namespace Dispatch.Functions.Durable;

/// <summary>
/// The Durable Functions check-status payload (<c>CreateCheckStatusResponse</c>): where to poll and steer an instance.
/// </summary>
/// <param name="Id">The instance id.</param>
/// <param name="StatusQueryGetUri">GET: the instance's status.</param>
/// <param name="SendEventPostUri">POST: raise an event (replace <c>{eventName}</c>).</param>
/// <param name="TerminatePostUri">POST: terminate (replace <c>{text}</c> with a reason).</param>
/// <param name="PurgeHistoryDeleteUri">DELETE: purge the instance's history.</param>
/// <param name="SuspendPostUri">POST: suspend (replace <c>{text}</c>).</param>
/// <param name="ResumePostUri">POST: resume (replace <c>{text}</c>).</param>
internal sealed record CheckStatusPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] Uri StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] Uri SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] Uri TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] Uri PurgeHistoryDeleteUri,
    [property: JsonPropertyName("suspendPostUri")] Uri SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] Uri ResumePostUri)
{
    /// <summary>Builds the payload with URLs on the host the request came to, as the isolated worker does.</summary>
    /// <remarks>
    /// Durable Functions puts the extension's system key in <c>code</c>; Dispatch echoes the caller's own
    /// <c>code</c> when it came in the query (never a key the caller did not send) and the task hub.
    /// </remarks>
    public static CheckStatusPayload Create(HttpRequest request, string instanceId, string taskHub)
    {
        ArgumentNullException.ThrowIfNull(request);
        var instance = $"{request.Scheme}://{request.Host}{request.PathBase}{DurableApi.BasePath}/instances/{Uri.EscapeDataString(instanceId)}";
        var common = $"taskHub={Uri.EscapeDataString(taskHub)}&connection=Storage";
        if (request.Query.TryGetValue("code", out var code) && !string.IsNullOrEmpty(code))
        {
            common += "&code=" + Uri.EscapeDataString(code.ToString());
        }

        return new CheckStatusPayload(
            instanceId,
            new Uri($"{instance}?{common}"),
            new Uri($"{instance}/raiseEvent/{{eventName}}?{common}"),
            new Uri($"{instance}/terminate?reason={{text}}&{common}"),
            new Uri($"{instance}?{common}"),
            new Uri($"{instance}/suspend?reason={{text}}&{common}"),
            new Uri($"{instance}/resume?reason={{text}}&{common}"));
    }
}
