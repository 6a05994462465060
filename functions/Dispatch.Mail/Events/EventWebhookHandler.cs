using System.Text.Json;
using Dispatch.Mail.Links;
using Dispatch.Mail.State;
using Dispatch.Mail.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Events;

/// <summary>
/// Handles SendGrid Event Webhook posts: verifies the signature, then for each event carrying our
/// <c>dispatch_notice_id</c> custom arg marks bounces and drops on the notice and alerts HR with a
/// <see cref="NoticeKind.DeliveryFailure"/> notice (once per failed notice, however often SendGrid re-posts), and
/// settles in-doubt notices that SendGrid reports processed or delivered. The host passes the raw body and headers.
/// </summary>
public sealed partial class EventWebhookHandler : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly EventWebhookVerifier? _verifier;
    private readonly INoticeStateStore _store;
    private readonly INoticeSender _sender;
    private readonly MailOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EventWebhookHandler> _logger;

    /// <summary>Creates the handler; without <c>EventWebhookPublicKey</c> every post is refused.</summary>
    public EventWebhookHandler(IOptions<MailOptions> options, INoticeStateStore store, INoticeSender sender, TimeProvider timeProvider, ILogger<EventWebhookHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _verifier = string.IsNullOrWhiteSpace(_options.EventWebhookPublicKey)
            ? null
            : new EventWebhookVerifier(_options.EventWebhookPublicKey, timeProvider, TimeSpan.FromSeconds(_options.EventWebhookMaxAgeSeconds));
        _store = store;
        _sender = sender;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Verifies and applies one batch. The body must be the raw bytes received.</summary>
    public async Task<EventWebhookResult> HandleAsync(ReadOnlyMemory<byte> body, string? signature, string? timestamp, CancellationToken cancellationToken = default)
    {
        if (_verifier is null || !_verifier.Verify(body.Span, signature, timestamp))
        {
            LogRefused(_logger, body.Length);
            return new EventWebhookResult(false, 0, [], []);
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return new EventWebhookResult(true, 0, [], []);
        }

        var bounced = new List<string>();
        var confirmed = new List<string>();
        var count = 0;
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return new EventWebhookResult(true, 0, [], []);
            }

            foreach (var ev in doc.RootElement.EnumerateArray())
            {
                count++;
                if (ev.ValueKind != JsonValueKind.Object || Str(ev, SendGridTransport.NoticeIdArg) is not { Length: 32 } noticeId || Str(ev, "event") is not { } kind)
                {
                    continue;
                }

                if (kind is "bounce" or "dropped" or "blocked")
                {
                    var reason = $"{kind}: {Str(ev, "reason") ?? Str(ev, "response") ?? Str(ev, "type") ?? "no reason given"}";
                    if (await MarkBouncedAsync(noticeId, reason, cancellationToken).ConfigureAwait(false))
                    {
                        bounced.Add(noticeId);
                    }
                }
                else if (kind is "processed" or "delivered" && await ConfirmAsync(noticeId, Str(ev, "sg_message_id"), cancellationToken).ConfigureAwait(false))
                {
                    confirmed.Add(noticeId);
                }
            }
        }

        return new EventWebhookResult(true, count, bounced, confirmed);
    }

    /// <inheritdoc />
    public void Dispose() => _verifier?.Dispose();

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private async Task<bool> MarkBouncedAsync(string noticeId, string reason, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = await _store.GetAsync(noticeId, cancellationToken).ConfigureAwait(false);
            if (entry is null)
            {
                LogUnknown(_logger, noticeId);
                return false;
            }

            if (entry.State != NoticeState.Bounced
                && await _store.TryReplaceAsync(entry with { State = NoticeState.Bounced, BounceReason = reason }, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            LogBounced(_logger, noticeId, entry.Kind, entry.AssignmentId, reason);
            if (entry.Kind != NoticeKind.DeliveryFailure)
            {
                await AlertHrAsync(entry, reason, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
    }

    private async Task AlertHrAsync(NoticeStateEntry failed, string reason, CancellationToken cancellationToken)
    {
        var language = NoticeLanguage.ZhCn;
        if (failed.NoticeJson.Length > 0 && JsonSerializer.Deserialize<Notice>(failed.NoticeJson, Json) is { } original)
        {
            language = original.Language;
        }

        var alert = new Notice
        {
            Kind = NoticeKind.DeliveryFailure,
            AssignmentId = failed.AssignmentId,
            Period = failed.NoticeId,
            Language = language,
            To = [new NoticeRecipient(_options.HrName, _options.HrEmail, RecipientRole.Hr)],
            Model = new NoticeModel()
                .Text(NoticeModelKeys.FailedRecipient, failed.Recipient)
                .Text(NoticeModelKeys.FailedSubject, failed.Subject.Length > 0 ? failed.Subject : failed.Kind.ToString())
                .Text(NoticeModelKeys.Reason, reason)
                .Build(),
            Links = [new NoticeLink(NoticeLinkNames.View, LinkPurposes.Assignment, failed.AssignmentId, _timeProvider.GetUtcNow().AddDays(30))],
        };

        // The alert's id derives from the failed notice, so a re-posted bounce finds it already sent.
        await _sender.SendAsync(alert, cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> ConfirmAsync(string noticeId, string? messageId, CancellationToken cancellationToken)
    {
        var entry = await _store.GetAsync(noticeId, cancellationToken).ConfigureAwait(false);
        if (entry is not { State: NoticeState.Pending })
        {
            return false;
        }

        var sent = entry with { State = NoticeState.Sent, SentAt = entry.ClaimedAt, ProviderMessageId = entry.ProviderMessageId ?? messageId, LastError = null };
        return await _store.TryReplaceAsync(sent, cancellationToken).ConfigureAwait(false) is not null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event Webhook post of {Length} bytes refused: bad or missing signature, stale timestamp, or no public key configured")]
    private static partial void LogRefused(ILogger logger, int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notice {NoticeId} ({Kind}, assignment {AssignmentId}) was not delivered: {Reason}")]
    private static partial void LogBounced(ILogger logger, string noticeId, NoticeKind kind, string assignmentId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event for unknown notice {NoticeId} ignored")]
    private static partial void LogUnknown(ILogger logger, string noticeId);
}
