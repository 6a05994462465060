using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace Dispatch.Mail;

/// <summary>
/// One email to send: what kind, for which assignment and period, to whom, with which data. The workflow
/// composes it; Dispatch.Mail renders and sends it. Compose one notice per person who gets their own links
/// (each secretary, each reviewer); several recipients share one notice only when the text and links are
/// the same for all of them. JSON round-trips, so it can be an activity input.
/// </summary>
public sealed record Notice
{
    /// <summary>Gets the kind, which picks the template.</summary>
    public required NoticeKind Kind { get; init; }

    /// <summary>Gets the assignment the notice belongs to.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>
    /// Gets what makes this notice unique within the assignment and kind: <c>2026-03</c> for a monthly
    /// check-in, <c>2026-03/r1</c> for its first reminder, <c>2027-annual</c> for a review, the empty string
    /// for a once-only notice such as the appointment.
    /// </summary>
    public required string Period { get; init; }

    /// <summary>Gets the recipients; the first one is part of <see cref="NoticeId"/>.</summary>
    public required IReadOnlyList<NoticeRecipient> To { get; init; }

    /// <summary>Gets the copy recipients.</summary>
    public IReadOnlyList<NoticeRecipient> Cc { get; init; } = [];

    /// <summary>Gets the language; Simplified Chinese by default.</summary>
    public NoticeLanguage Language { get; init; } = NoticeLanguage.ZhCn;

    /// <summary>
    /// Gets the template data: keys from <see cref="NoticeModelKeys"/>, values in invariant formats as
    /// written by <see cref="NoticeModel"/> (dates <c>yyyy-MM-dd</c>, times ISO 8601 with offset, months
    /// <c>yyyy-MM</c>, amounts in yuan with a dot). The template formats them for the language.
    /// </summary>
    public IReadOnlyDictionary<string, string> Model { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the links the template shows, by <see cref="NoticeLink.Name"/>.</summary>
    public IReadOnlyList<NoticeLink> Links { get; init; } = [];

    /// <summary>Gets the meeting to attach as an invitation, if any.</summary>
    public CalendarEvent? CalendarEvent { get; init; }

    /// <summary>
    /// Gets the id of what an email reply answers (the check-in id), or null when replies are not read.
    /// When set, the Reply-To address is <c>checkin+{reply token}@{reply domain}</c> and the subject carries the token.
    /// </summary>
    public string? ReplySubjectId { get; init; }

    /// <summary>Gets addresses besides the recipients allowed to answer by email (delegates).</summary>
    public IReadOnlyList<string> ReplyDelegates { get; init; } = [];

    /// <summary>Gets the deterministic id: the same assignment, kind, period and first recipient always give the same id.</summary>
    [JsonIgnore]
    public string NoticeId => CreateId(AssignmentId, Kind, Period, To.Count > 0 ? To[0].Email : string.Empty);

    /// <summary>
    /// Computes a notice id: 32 lower-case hex digits of SHA-256 over assignment, kind, period and the
    /// lower-cased recipient address. Safe as a Table Storage key and in an email local part.
    /// </summary>
    public static string CreateId(string assignmentId, NoticeKind kind, string period, string recipientEmail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assignmentId);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientEmail);
        var text = string.Join('\n', assignmentId, kind.ToString(), period, MailAddressRules.Normalize(recipientEmail));
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that makes the notice unsendable.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw new ArgumentException($"Notice kind {(int)Kind} is not defined.", nameof(Kind));
        }

        if (string.IsNullOrWhiteSpace(AssignmentId))
        {
            throw new ArgumentException("Notice AssignmentId is empty.", nameof(AssignmentId));
        }

        if (Period is null)
        {
            throw new ArgumentException("Notice Period is null; use the empty string for a once-only notice.", nameof(Period));
        }

        if (To is null || To.Count == 0)
        {
            throw new ArgumentException($"Notice {Kind} for {AssignmentId} has no recipient.", nameof(To));
        }

        foreach (var r in To.Concat(Cc))
        {
            r.Validate();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var link in Links)
        {
            if (!names.Add(link.Name))
            {
                throw new ArgumentException($"Notice link name '{link.Name}' appears twice.", nameof(Links));
            }

            Dispatch.Mail.Links.LinkPurposes.Validate(link.Purpose);
            ArgumentException.ThrowIfNullOrWhiteSpace(link.SubjectId, nameof(Links));
        }

        foreach (var d in ReplyDelegates)
        {
            if (!MailAddressRules.IsValid(d))
            {
                throw new ArgumentException($"Reply delegate '{d}' is not a valid address.", nameof(ReplyDelegates));
            }
        }

        if (CalendarEvent is { } ev && ev.End <= ev.Start)
        {
            throw new ArgumentException($"Calendar event {ev.Uid} ends at {ev.End:O}, not after its start {ev.Start:O}.", nameof(CalendarEvent));
        }
    }
}
