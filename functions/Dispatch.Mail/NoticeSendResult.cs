namespace Dispatch.Mail;

/// <summary>The outcome of <see cref="INoticeSender.SendAsync"/>.</summary>
/// <param name="NoticeId">The notice's deterministic id.</param>
/// <param name="Status">What the call did.</param>
/// <param name="ProviderMessageId">SendGrid's X-Message-Id or the outbox file name, when known.</param>
/// <param name="SentAt">When the notice went out, when known.</param>
public sealed record NoticeSendResult(string NoticeId, NoticeSendStatus Status, string? ProviderMessageId, DateTimeOffset? SentAt);
