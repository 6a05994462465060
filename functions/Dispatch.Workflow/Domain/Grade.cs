using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>Review grade, grade set A of domain.md §5.2 (优秀/称职/基本称职/不称职), best first.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Grade>))]
public enum Grade
{
    /// <summary>优秀.</summary>
    [JsonStringEnumMemberName("EXCELLENT")]
    Excellent,

    /// <summary>称职.</summary>
    [JsonStringEnumMemberName("COMPETENT")]
    Competent,

    /// <summary>基本称职.</summary>
    [JsonStringEnumMemberName("BASICALLY_COMPETENT")]
    BasicallyCompetent,

    /// <summary>不称职.</summary>
    [JsonStringEnumMemberName("INCOMPETENT")]
    Incompetent,
}
