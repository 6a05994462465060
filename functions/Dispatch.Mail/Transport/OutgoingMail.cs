using Dispatch.Mail.Templates;

namespace Dispatch.Mail.Transport;

/// <summary>A rendered notice with its envelope, ready for a transport.</summary>
internal sealed record OutgoingMail(
    string NoticeId,
    NoticeKind Kind,
    string AssignmentId,
    NoticeRecipient From,
    IReadOnlyList<NoticeRecipient> To,
    IReadOnlyList<NoticeRecipient> Cc,
    RenderedNotice Content);
