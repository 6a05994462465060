using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>HR's decision after the term.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TermDecision>))]
public enum TermDecision
{
    /// <summary>Extend: the same secretary continues in a new assignment.</summary>
    [JsonStringEnumMemberName("extend")]
    Extend,

    /// <summary>Rotate: a successor is selected and takes over through a handover.</summary>
    [JsonStringEnumMemberName("rotate")]
    Rotate,

    /// <summary>End: the post closes with this term.</summary>
    [JsonStringEnumMemberName("end")]
    End,
}
