using System.Text.Json.Serialization;

namespace Dispatch.Mail;

/// <summary>
/// Every kind of email Dispatch sends. The model keys each kind's template needs are listed by
/// <c>NoticeTemplates.RequiredKeys</c>; a missing key fails at render time.
/// Serialized by name so notices survive a trip through activity inputs.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    /// <summary>To HR: the proposed cadre for a village, with the score and its reasons.</summary>
    SelectionProposal,

    /// <summary>To HR: the selection decision is still open.</summary>
    SelectionReminder,

    /// <summary>To HR's manager: the selection decision has waited past the escalation delay.</summary>
    SelectionEscalation,

    /// <summary>To the cadre: appointment as first secretary of a village.</summary>
    Appointment,

    /// <summary>To the dispatching unit (派出单位): one of its cadres has been appointed.</summary>
    UnitNotice,

    /// <summary>To the township party committee (乡镇党委): a first secretary is coming to one of its villages.</summary>
    TownshipNotice,

    /// <summary>To both secretaries and the township contact: the handover meeting, with a calendar invitation.</summary>
    HandoverInvitation,

    /// <summary>A handover step (confirming the meeting, submitting or accepting the list) is still open.</summary>
    HandoverReminder,

    /// <summary>To the township manager: a handover step has waited past the escalation delay.</summary>
    HandoverEscalation,

    /// <summary>To the outgoing secretary: submit the handover list (交接清单).</summary>
    HandoverListRequest,

    /// <summary>To the incoming secretary: review the submitted handover list, accept it or name what is missing.</summary>
    HandoverListReview,

    /// <summary>To the outgoing secretary: the handover is accepted and the assignment may close.</summary>
    HandoverCompleted,

    /// <summary>To the incoming secretary and the township: the orientation meeting when there is no outgoing secretary.</summary>
    OrientationInvitation,

    /// <summary>To the invitees: a handover or orientation meeting is cancelled (calendar METHOD:CANCEL).</summary>
    MeetingCancellation,

    /// <summary>To the secretary: the monthly check-in (月度报告), with the form link and the reply address.</summary>
    CheckInRequest,

    /// <summary>To the secretary: the monthly check-in is still open.</summary>
    CheckInReminder,

    /// <summary>To the township manager: the monthly check-in has waited past the escalation delay.</summary>
    CheckInEscalation,

    /// <summary>To the secretary and the township: the month closed without a check-in.</summary>
    MissedMonthNotice,

    /// <summary>To the township: a month below the minimum days in the village.</summary>
    LowAttendanceNotice,

    /// <summary>To the secretary: an emailed check-in could not be read in full; use the form link.</summary>
    CheckInUnreadable,

    /// <summary>To the secretary: the check-in was received and recorded.</summary>
    CheckInReceived,

    /// <summary>To the secretary: write the self-report (述职) for an annual or end-of-term review.</summary>
    ReviewRequestToSecretary,

    /// <summary>To a reviewer (organization department, township, unit, villagers): score the secretary.</summary>
    ReviewRequestToReviewer,

    /// <summary>To a secretary or reviewer: the review form is still open.</summary>
    ReviewReminder,

    /// <summary>To the secretary (and HR): the grade of a review.</summary>
    ReviewResult,

    /// <summary>To HR: the term is ending; decide to extend, rotate or end.</summary>
    TermDecisionRequest,

    /// <summary>To the secretary, unit and township: the secretary is recalled (召回).</summary>
    Recall,

    /// <summary>To the secretary, unit and township: the term is extended (续任).</summary>
    Extension,

    /// <summary>To the secretary, unit and township: rotation (轮换) to a successor.</summary>
    Rotation,

    /// <summary>To HR: an email bounced or was dropped, so its recipient never got it.</summary>
    DeliveryFailure,
}
