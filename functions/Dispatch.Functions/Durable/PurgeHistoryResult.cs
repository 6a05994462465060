using System.Text.Json.Serialization;

namespace Dispatch.Functions.Durable;

/// <summary>The body of a purge answer, as Durable Functions writes it.</summary>
/// <param name="InstancesDeleted">How many instances were purged.</param>
internal sealed record PurgeHistoryResult([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
