using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>How an assignment ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentOutcome>))]
public enum AssignmentOutcome
{
    /// <summary>Still running.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Extended (续任): a new assignment continues it.</summary>
    [JsonStringEnumMemberName("extended")]
    Extended,

    /// <summary>Rotated (轮换): the successor took over after the handover.</summary>
    [JsonStringEnumMemberName("rotated")]
    Rotated,

    /// <summary>Ended at term end without a successor.</summary>
    [JsonStringEnumMemberName("ended")]
    Ended,

    /// <summary>Recalled (召回) by HR; a replacement assignment was started.</summary>
    [JsonStringEnumMemberName("recalled")]
    Recalled,
}
