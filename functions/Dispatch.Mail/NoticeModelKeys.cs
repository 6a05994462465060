namespace Dispatch.Mail;

/// <summary>
/// The model keys templates use. Values are invariant strings written through <see cref="NoticeModel"/>.
/// Which kind needs which keys: <c>NoticeTemplates.RequiredKeys(kind)</c> and the README table.
/// </summary>
public static class NoticeModelKeys
{
    /// <summary>Village or community name (text).</summary>
    public const string VillageName = "villageName";

    /// <summary>Township or subdistrict name (text).</summary>
    public const string Township = "township";

    /// <summary>Round name (text).</summary>
    public const string RoundName = "roundName";

    /// <summary>The first secretary's name (text).</summary>
    public const string SecretaryName = "secretaryName";

    /// <summary>The dispatching unit's name (text).</summary>
    public const string UnitName = "unitName";

    /// <summary>Proposed cadre's name (text).</summary>
    public const string CandidateName = "candidateName";

    /// <summary>Proposed cadre's unit (text).</summary>
    public const string CandidateUnit = "candidateUnit";

    /// <summary>Proposed cadre's matching score (number).</summary>
    public const string CandidateScore = "candidateScore";

    /// <summary>Reasons behind the score, one a line (text).</summary>
    public const string CandidateReasons = "candidateReasons";

    /// <summary>Term start (date).</summary>
    public const string TermStart = "termStart";

    /// <summary>Term end (date).</summary>
    public const string TermEnd = "termEnd";

    /// <summary>New term end after an extension (date).</summary>
    public const string NewTermEnd = "newTermEnd";

    /// <summary>When the answer or decision is due (date).</summary>
    public const string DueDate = "dueDate";

    /// <summary>The month a check-in covers (month, <c>yyyy-MM</c>).</summary>
    public const string Month = "month";

    /// <summary>How many days something has waited (integer).</summary>
    public const string DaysWaiting = "daysWaiting";

    /// <summary>Meeting start (date-time).</summary>
    public const string MeetingStart = "meetingStart";

    /// <summary>Meeting place (text).</summary>
    public const string MeetingLocation = "meetingLocation";

    /// <summary>Outgoing secretary's name (text).</summary>
    public const string OutgoingSecretaryName = "outgoingSecretaryName";

    /// <summary>Incoming secretary's name (text).</summary>
    public const string IncomingSecretaryName = "incomingSecretaryName";

    /// <summary>Which review: <c>annual</c> or <c>termEnd</c> (code).</summary>
    public const string ReviewKind = "reviewKind";

    /// <summary>The reviewer's role: <c>orgDepartment</c>, <c>township</c>, <c>unit</c>, <c>villagers</c> (code).</summary>
    public const string ReviewerRole = "reviewerRole";

    /// <summary>Grade: <c>EXCELLENT</c>, <c>COMPETENT</c>, <c>BASICALLY_COMPETENT</c>, <c>INCOMPETENT</c> (code).</summary>
    public const string Grade = "grade";

    /// <summary>Weighted review score (number).</summary>
    public const string Score = "score";

    /// <summary>A reason given by HR, e.g. for a recall (text).</summary>
    public const string Reason = "reason";

    /// <summary>When a decision takes effect (date).</summary>
    public const string EffectiveDate = "effectiveDate";

    /// <summary>The successor's name in a rotation or recall (text).</summary>
    public const string SuccessorName = "successorName";

    /// <summary>Days in the village reported for a month (integer).</summary>
    public const string DaysInVillage = "daysInVillage";

    /// <summary>The policy minimum of days in the village (integer).</summary>
    public const string MinimumDays = "minimumDays";

    /// <summary>What could not be read from an emailed reply, one a line (text).</summary>
    public const string Problems = "problems";

    /// <summary>Address that did not receive a notice (text).</summary>
    public const string FailedRecipient = "failedRecipient";

    /// <summary>Subject of the notice that failed (text).</summary>
    public const string FailedSubject = "failedSubject";
}
