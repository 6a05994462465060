using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Forms;

/// <summary>What the handover page shows and pre-fills for one party.</summary>
/// <param name="Subject">The link subject, <c>{assignmentId}|{party}</c>.</param>
/// <param name="AssignmentId">The incoming assignment.</param>
/// <param name="Party">Who opened the link.</param>
/// <param name="VillageName">The village.</param>
/// <param name="Township">The township.</param>
/// <param name="IncomingName">The incoming secretary.</param>
/// <param name="OutgoingName">The outgoing secretary; null for an orientation.</param>
/// <param name="MeetingAt">The meeting start.</param>
/// <param name="Location">The meeting place.</param>
/// <param name="Confirmed">Whether this party already confirmed the meeting time.</param>
/// <param name="MeetingPassed">Whether the meeting time has come.</param>
/// <param name="ListRequested">Whether the outgoing secretary has been asked for the list.</param>
/// <param name="List">The submitted list awaiting acceptance, if any.</param>
/// <param name="ReturnedList">The last list sent back, to pre-fill the next one.</param>
/// <param name="Missing">What the incoming secretary said is missing, when the list was sent back.</param>
/// <param name="Completed">Whether the handover is complete.</param>
internal sealed record HandoverFormContext(
    string Subject,
    string AssignmentId,
    HandoverParty Party,
    string VillageName,
    string Township,
    string IncomingName,
    string? OutgoingName,
    DateTimeOffset MeetingAt,
    string Location,
    bool Confirmed,
    bool MeetingPassed,
    bool ListRequested,
    HandoverList? List,
    HandoverList? ReturnedList,
    string? Missing,
    bool Completed)
{
    /// <summary>Gets a value indicating whether this is an orientation with the township (no outgoing secretary).</summary>
    public bool IsOrientation => OutgoingName is null;

    /// <summary>Gets what the page asks of this party now.</summary>
    public HandoverStep Step =>
        Completed ? HandoverStep.Done
        : !MeetingPassed ? HandoverStep.Meeting
        : IsOrientation ? HandoverStep.Waiting
        : Party == HandoverParty.Outgoing && ListRequested && List is null ? HandoverStep.List
        : Party == HandoverParty.Incoming && List is not null ? HandoverStep.Accept
        : HandoverStep.Waiting;
}
