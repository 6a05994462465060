using System.Text.Json;
using Dispatch.Mail.State;
using Dispatch.Mail.Templates;
using Dispatch.Mail.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail;

/// <summary>
/// Sends each notice at most once. Before delivering, it claims the notice's state row (insert, or an
/// ETag-guarded replace of a Failed row); only the claimer delivers. A row left Pending means an earlier attempt
/// stopped after claiming, maybe after the email left: it is re-sent only through an idempotent transport (the
/// outbox overwrites the same file); through SendGrid it is reported <see cref="NoticeSendStatus.InDoubt"/> and
/// settled by the Event Webhook, because SendGrid has no idempotency key.
/// </summary>
internal sealed partial class NoticeSender(
    NoticeRenderer renderer,
    IMailTransport transport,
    INoticeStateStore store,
    IOptions<MailOptions> options,
    TimeProvider timeProvider,
    ILogger<NoticeSender> logger) : INoticeSender
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<NoticeSendResult> SendAsync(Notice notice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var rendered = renderer.Render(notice);
        var id = notice.NoticeId;
        var now = timeProvider.GetUtcNow();
        var fresh = new NoticeStateEntry
        {
            NoticeId = id,
            State = NoticeState.Pending,
            Kind = notice.Kind,
            AssignmentId = notice.AssignmentId,
            Recipient = notice.To[0].Email,
            Subject = rendered.Subject,
            NoticeJson = JsonSerializer.Serialize(notice, Json),
            Attempts = 1,
            ClaimedAt = now,
        };

        var claim = await store.TryAddAsync(fresh, cancellationToken).ConfigureAwait(false);
        while (claim is null)
        {
            var existing = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                claim = await store.TryAddAsync(fresh, cancellationToken).ConfigureAwait(false);
                continue;
            }

            switch (existing.State)
            {
                case NoticeState.Sent:
                    LogAlreadySent(logger, id, notice.Kind, notice.AssignmentId);
                    return new NoticeSendResult(id, NoticeSendStatus.AlreadySent, existing.ProviderMessageId, existing.SentAt);
                case NoticeState.Bounced:
                    return new NoticeSendResult(id, NoticeSendStatus.Bounced, existing.ProviderMessageId, existing.SentAt);
                case NoticeState.Pending when !transport.IsIdempotent:
                    LogInDoubt(logger, id, notice.Kind, notice.AssignmentId, existing.ClaimedAt);
                    return new NoticeSendResult(id, NoticeSendStatus.InDoubt, null, null);
                default:
                    claim = await store.TryReplaceAsync(
                        existing with { State = NoticeState.Pending, Attempts = existing.Attempts + 1, ClaimedAt = now, Subject = rendered.Subject, NoticeJson = fresh.NoticeJson },
                        cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        var from = new NoticeRecipient(options.Value.FromName, options.Value.FromEmail, RecipientRole.Hr);
        string providerId;
        try
        {
            providerId = await transport.DeliverAsync(new OutgoingMail(id, notice.Kind, notice.AssignmentId, from, notice.To, notice.Cc, rendered), cancellationToken).ConfigureAwait(false);
        }
        catch (MailTransportException ex) when (ex.StatusCode is not null)
        {
            // The provider answered with a refusal, so nothing went out: a retry may claim the notice again.
            LogFailed(logger, ex, id, notice.Kind, notice.AssignmentId, ex.StatusCode.Value);
            await store.TryReplaceAsync(claim with { State = NoticeState.Failed, LastError = ex.Message }, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var sentAt = timeProvider.GetUtcNow();
        var sent = await store.TryReplaceAsync(claim with { State = NoticeState.Sent, SentAt = sentAt, ProviderMessageId = providerId, LastError = null }, CancellationToken.None).ConfigureAwait(false);
        if (sent is null)
        {
            // An event (bounce) arrived between delivery and this write; the stored state is newer and stays.
            LogRaced(logger, id);
        }

        LogSent(logger, id, notice.Kind, notice.AssignmentId, providerId);
        return new NoticeSendResult(id, NoticeSendStatus.Sent, providerId, sentAt);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {NoticeId} ({Kind}, assignment {AssignmentId}) sent as {ProviderMessageId}")]
    private static partial void LogSent(ILogger logger, string noticeId, NoticeKind kind, string assignmentId, string providerMessageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notice {NoticeId} ({Kind}, assignment {AssignmentId}) was already sent; not sending again")]
    private static partial void LogAlreadySent(ILogger logger, string noticeId, NoticeKind kind, string assignmentId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} ({Kind}, assignment {AssignmentId}) was claimed at {ClaimedAt} by an attempt that did not finish; it may have been sent, so it is not sent again")]
    private static partial void LogInDoubt(ILogger logger, string noticeId, NoticeKind kind, string assignmentId, DateTimeOffset? claimedAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notice {NoticeId} ({Kind}, assignment {AssignmentId}) was refused with status {Status}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string noticeId, NoticeKind kind, string assignmentId, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} changed state while it was being sent; keeping the newer state")]
    private static partial void LogRaced(ILogger logger, string noticeId);
}
