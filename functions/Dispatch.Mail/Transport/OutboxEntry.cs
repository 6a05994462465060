namespace Dispatch.Mail.Transport;

/// <summary>One message in the outbox index, as the host lists it at <c>/dev/outbox</c>.</summary>
/// <param name="NoticeId">The notice id; the file is <c>{NoticeId}.eml</c>.</param>
/// <param name="File">The file name inside the outbox folder.</param>
/// <param name="Kind">The notice kind.</param>
/// <param name="AssignmentId">The assignment id.</param>
/// <param name="To">The To addresses.</param>
/// <param name="Cc">The Cc addresses.</param>
/// <param name="Subject">The subject.</param>
/// <param name="ReplyTo">The Reply-To address, if any.</param>
/// <param name="Links">The links in the email: name → URL.</param>
/// <param name="WrittenAt">When it was written.</param>
public sealed record OutboxEntry(
    string NoticeId,
    string File,
    NoticeKind Kind,
    string AssignmentId,
    IReadOnlyList<string> To,
    IReadOnlyList<string> Cc,
    string Subject,
    string? ReplyTo,
    IReadOnlyDictionary<string, string> Links,
    DateTimeOffset WrittenAt);
