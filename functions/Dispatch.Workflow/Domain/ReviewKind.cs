using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>Which review.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewKind>))]
public enum ReviewKind
{
    /// <summary>年度考核: every review interval.</summary>
    [JsonStringEnumMemberName("annual")]
    Annual,

    /// <summary>期满考核: at term end.</summary>
    [JsonStringEnumMemberName("termEnd")]
    TermEnd,
}
