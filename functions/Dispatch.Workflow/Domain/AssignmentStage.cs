using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>Where an assignment is in its lifecycle.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStage>))]
public enum AssignmentStage
{
    /// <summary>Selection: a proposal is with HR (先定村、再定人).</summary>
    [JsonStringEnumMemberName("selection")]
    Selection,

    /// <summary>Appointment notices are going out.</summary>
    [JsonStringEnumMemberName("appointment")]
    Appointment,

    /// <summary>Handover (交接) with the outgoing secretary, or orientation with the township.</summary>
    [JsonStringEnumMemberName("handover")]
    Handover,

    /// <summary>In the term: monthly check-ins.</summary>
    [JsonStringEnumMemberName("term")]
    Term,

    /// <summary>An annual or end-of-term review is open.</summary>
    [JsonStringEnumMemberName("review")]
    Review,

    /// <summary>The term is over; HR decides to extend, rotate or end.</summary>
    [JsonStringEnumMemberName("decision")]
    Decision,

    /// <summary>Rotated: waiting for the successor's handover to be accepted.</summary>
    [JsonStringEnumMemberName("handingOver")]
    HandingOver,

    /// <summary>Finished (extended, rotated, ended or recalled; see the outcome).</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
}
