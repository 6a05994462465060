using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dispatch.Functions.Durable;

/// <summary>The Durable Functions status JSON (<c>StatusResponsePayload</c>) with the same field names.</summary>
internal sealed record DurableStatusPayload
{
    /// <summary>Gets the orchestrator name.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets the instance id.</summary>
    [JsonPropertyName("instanceId")]
    public required string InstanceId { get; init; }

    /// <summary>Gets the runtime status name (e.g. <c>Running</c>).</summary>
    [JsonPropertyName("runtimeStatus")]
    public required string RuntimeStatus { get; init; }

    /// <summary>Gets the input; null when <c>showInput=false</c>.</summary>
    [JsonPropertyName("input")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? Input { get; init; }

    /// <summary>Gets the custom status.</summary>
    [JsonPropertyName("customStatus")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? CustomStatus { get; init; }

    /// <summary>Gets the output; null until completed.</summary>
    [JsonPropertyName("output")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public JsonNode? Output { get; init; }

    /// <summary>Gets the creation time, ISO 8601 to the second with a trailing Z.</summary>
    [JsonPropertyName("createdTime")]
    public required string CreatedTime { get; init; }

    /// <summary>Gets the last update time, same format.</summary>
    [JsonPropertyName("lastUpdatedTime")]
    public required string LastUpdatedTime { get; init; }

    /// <summary>Gets the history; omitted unless <c>showHistory=true</c>.</summary>
    [JsonPropertyName("historyEvents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? HistoryEvents { get; init; }
}
