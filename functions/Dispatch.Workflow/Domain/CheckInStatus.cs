using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>The state of a monthly check-in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckInStatus>))]
public enum CheckInStatus
{
    /// <summary>Requested, waiting for the answer.</summary>
    [JsonStringEnumMemberName("requested")]
    Requested,

    /// <summary>Still open after a reminder.</summary>
    [JsonStringEnumMemberName("reminded")]
    Reminded,

    /// <summary>Still open after escalation to the township manager.</summary>
    [JsonStringEnumMemberName("escalated")]
    Escalated,

    /// <summary>Answered before the month closed.</summary>
    [JsonStringEnumMemberName("answered")]
    Answered,

    /// <summary>Closed as missed at month end.</summary>
    [JsonStringEnumMemberName("missed")]
    Missed,

    /// <summary>Answered after the month had closed as missed: recorded as late.</summary>
    [JsonStringEnumMemberName("answeredLate")]
    AnsweredLate,
}
