using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>What a post is in: a village (村) or an urban community (社区).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<VillageKind>))]
public enum VillageKind
{
    /// <summary>村: an administrative village under a township.</summary>
    [JsonStringEnumMemberName("village")]
    Village,

    /// <summary>社区: a community under a sub-district (街道).</summary>
    [JsonStringEnumMemberName("community")]
    Community,
}
