namespace Dispatch.Mail.Templates;

/// <summary>A notice rendered to email content.</summary>
/// <param name="Subject">Subject line.</param>
/// <param name="Text">The text/plain part.</param>
/// <param name="Html">The text/html part.</param>
/// <param name="Links">Every link in the email: name → absolute URL with its token.</param>
/// <param name="Attachments">Attachments such as the calendar invitation.</param>
/// <param name="ReplyTo">The reply address for notices that read replies, otherwise null.</param>
public sealed record RenderedNotice(
    string Subject,
    string Text,
    string Html,
    IReadOnlyDictionary<string, string> Links,
    IReadOnlyList<MailAttachment> Attachments,
    string? ReplyTo);
