using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>Who takes part in a review: the secretary's own report and the scorers (domain.md §5.3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewScorer>))]
public enum ReviewScorer
{
    /// <summary>The secretary's self-report (述职); not scored.</summary>
    [JsonStringEnumMemberName("self")]
    Self,

    /// <summary>The county organization department (组织部).</summary>
    [JsonStringEnumMemberName("orgDepartment")]
    OrgDepartment,

    /// <summary>The township party committee (乡镇党委).</summary>
    [JsonStringEnumMemberName("township")]
    Township,

    /// <summary>The dispatching unit (派出单位).</summary>
    [JsonStringEnumMemberName("unit")]
    Unit,

    /// <summary>Villagers' evaluation (optional, weight 0 unless the county sets one).</summary>
    [JsonStringEnumMemberName("villagers")]
    Villagers,
}
