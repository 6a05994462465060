namespace Dispatch.Mail;

/// <summary>
/// A meeting attached to an invitation as an RFC 5545 <c>.ics</c>. Keep <paramref name="Uid"/> the same for
/// every version of one meeting and raise <paramref name="Sequence"/> on each reschedule; set
/// <paramref name="Cancelled"/> to send METHOD:CANCEL.
/// </summary>
/// <param name="Uid">Stable id of the meeting, e.g. <c>handover-{assignmentId}@dispatch</c>.</param>
/// <param name="Sequence">0 for the first invitation, one more for every change.</param>
/// <param name="Start">Start of the meeting.</param>
/// <param name="End">End of the meeting; after <paramref name="Start"/>.</param>
/// <param name="Location">Where it is held.</param>
/// <param name="Cancelled">True to cancel the meeting.</param>
public sealed record CalendarEvent(string Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Location, bool Cancelled = false)
{
    /// <summary>Gets the attendees besides the notice recipients (e.g. the township contact), if any.</summary>
    public IReadOnlyList<NoticeRecipient> Attendees { get; init; } = [];
}
