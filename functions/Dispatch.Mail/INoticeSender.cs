namespace Dispatch.Mail;

/// <summary>
/// Renders and sends notices, at most once per <see cref="Notice.NoticeId"/>: a retried call for a notice
/// already sent (or whose earlier send may have gone out) returns without sending again.
/// </summary>
public interface INoticeSender
{
    /// <summary>
    /// Sends <paramref name="notice"/> unless it was sent before. Throws <see cref="ArgumentException"/> for a
    /// notice that cannot be sent (bad address, missing model value) and <see cref="Transport.MailTransportException"/>
    /// when the transport refuses it or stays unavailable; both leave the notice retryable.
    /// </summary>
    Task<NoticeSendResult> SendAsync(Notice notice, CancellationToken cancellationToken = default);
}
