using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dispatch.Mail.Links;
using Dispatch.Mail.State;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// Handles SendGrid Inbound Parse posts (parsed fields or raw MIME, <c>multipart/form-data</c>): stores the raw post,
/// finds the check-in from the <c>checkin+{token}@</c> recipient (envelope, To, Cc) or the <c>[#token]</c> in the
/// subject, requires From to be the secretary or a listed delegate, reads the answers, and acknowledges an
/// unreadable reply with an email asking for the form. A plain class: the host passes the request body and its
/// Content-Type after <see cref="InboundRequestAuthorizer"/> has passed, and answers 200 whatever the status.
/// </summary>
public sealed partial class InboundParseHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly MailOptions _options;
    private readonly LinkTokenService _tokens;
    private readonly INoticeStateStore _notices;
    private readonly IInboundMessageStore _messages;
    private readonly INoticeSender _sender;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<InboundParseHandler> _logger;

    /// <summary>Creates the handler.</summary>
    public InboundParseHandler(
        IOptions<MailOptions> options,
        LinkTokenService tokens,
        INoticeStateStore notices,
        IInboundMessageStore messages,
        INoticeSender sender,
        TimeProvider timeProvider,
        ILogger<InboundParseHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _tokens = tokens;
        _notices = notices;
        _messages = messages;
        _sender = sender;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Reads at most the size limit from <paramref name="body"/> and handles it.</summary>
    public async Task<InboundResult> HandleAsync(Stream body, string? contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limit = _options.MaxInboundBytes;
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        var truncated = false;
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var room = limit - (int)buffer.Length;
            if (read > room)
            {
                buffer.Write(chunk, 0, Math.Max(0, room));
                truncated = true;
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return await HandleCoreAsync(buffer.ToArray(), truncated, contentType ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handles a body already in memory (cut at the size limit if longer).</summary>
    public Task<InboundResult> HandleAsync(ReadOnlyMemory<byte> body, string? contentType, CancellationToken cancellationToken = default)
    {
        var truncated = body.Length > _options.MaxInboundBytes;
        return HandleCoreAsync(truncated ? body[.._options.MaxInboundBytes] : body, truncated, contentType ?? string.Empty, cancellationToken);
    }

    private async Task<InboundResult> HandleCoreAsync(ReadOnlyMemory<byte> body, bool truncated, string contentType, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(SHA256.HashData(body.Span))[..32];
        var received = _timeProvider.GetUtcNow();
        InboundResult result;
        MailView? view = null;
        try
        {
            var form = await ReadFormAsync(body, contentType, cancellationToken).ConfigureAwait(false);
            view = form.Fields.Count == 0 ? null : ToView(form);
            result = view is null
                ? Rejected(id, InboundRejection.Malformed, null)
                : await HandleMailAsync(id, view, truncated, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await _messages.SaveAsync(new InboundRawMessage(id, received, contentType, body, truncated, "Error: " + ex.Message, null, view?.FromAddress, view?.Subject), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        var outcome = result.Rejection == InboundRejection.None ? result.Status.ToString() : $"{result.Status}:{result.Rejection}";
        await _messages.SaveAsync(new InboundRawMessage(id, received, contentType, body, truncated, outcome, result.NoticeId, view?.FromAddress ?? view?.FromHeader, view?.Subject), cancellationToken).ConfigureAwait(false);
        LogHandled(_logger, id, outcome, result.NoticeId, result.AssignmentId);
        return result;
    }

    private async Task<InboundResult> HandleMailAsync(string id, MailView view, bool truncated, CancellationToken cancellationToken)
    {
        var noticeId = FindNoticeId(view);
        var entry = noticeId is null ? null : await _notices.GetAsync(noticeId, cancellationToken).ConfigureAwait(false);
        var notice = entry is { NoticeJson.Length: > 0 } ? JsonSerializer.Deserialize<Notice>(entry.NoticeJson, Json) : null;
        if (notice?.ReplySubjectId is null)
        {
            return Rejected(id, InboundRejection.UnknownCheckIn, view);
        }

        var allowed = notice.To.Select(t => t.Email).Concat(notice.ReplyDelegates).Select(MailAddressRules.Normalize).ToHashSet(StringComparer.Ordinal);
        if (view.FromAddress is null || !allowed.Contains(MailAddressRules.Normalize(view.FromAddress)))
        {
            return Rejected(id, InboundRejection.SenderMismatch, view) with { NoticeId = noticeId, AssignmentId = notice.AssignmentId };
        }

        var found = new InboundResult
        {
            Status = InboundStatus.Unreadable,
            RawMessageId = id,
            NoticeId = noticeId,
            AssignmentId = notice.AssignmentId,
            Period = notice.Period,
            SubjectId = notice.ReplySubjectId,
            From = view.FromAddress,
            Attachments = view.Attachments,
        };
        if (truncated)
        {
            var tooLarge = new Dictionary<string, string> { ["message"] = $"larger than {_options.MaxInboundBytes} bytes" };
            return found with { Problems = tooLarge, Acknowledged = await AcknowledgeAsync(notice, id, tooLarge, cancellationToken).ConfigureAwait(false) };
        }

        var parsed = CheckInReplyParser.Parse(view.Text ?? (view.Html is null ? string.Empty : HtmlToText.Convert(view.Html)));
        if (parsed.Answer is null && view.Text is not null && view.Html is not null)
        {
            var fromHtml = CheckInReplyParser.Parse(HtmlToText.Convert(view.Html));
            if (fromHtml.Answer is not null || fromHtml.Problems.Count < parsed.Problems.Count)
            {
                parsed = fromHtml;
            }
        }

        if (parsed.Answer is not null)
        {
            return found with { Status = InboundStatus.Accepted, Answer = parsed.Answer, Values = parsed.Values };
        }

        return found with
        {
            Values = parsed.Values,
            Problems = parsed.Problems,
            Acknowledged = await AcknowledgeAsync(notice, id, parsed.Problems, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<bool> AcknowledgeAsync(Notice original, string rawId, IReadOnlyDictionary<string, string> problems, CancellationToken cancellationToken)
    {
        var zh = original.Language == NoticeLanguage.ZhCn;
        var lines = problems.Keys.Select(k => CheckInFields.All.Contains(k)
            ? CheckInFields.Label(k, original.Language)
            : zh ? "邮件过大，无法读取" : "the message was too large to read");
        var model = new Dictionary<string, string>(StringComparer.Ordinal) { [NoticeModelKeys.Problems] = string.Join("\n", lines) };
        foreach (var key in new[] { NoticeModelKeys.VillageName, NoticeModelKeys.Month })
        {
            if (original.Model.TryGetValue(key, out var v))
            {
                model[key] = v;
            }
        }

        var minimumExpiry = _timeProvider.GetUtcNow().AddDays(14);
        var ack = new Notice
        {
            Kind = NoticeKind.CheckInUnreadable,
            AssignmentId = original.AssignmentId,
            Period = original.Period + "/reply-" + rawId[..12],
            Language = original.Language,
            To = [original.To[0]],
            Model = model,
            Links = [.. original.Links.Where(l => l.Name == NoticeLinkNames.Form).Select(l => l.ExpiresAt < minimumExpiry ? l with { ExpiresAt = minimumExpiry } : l)],
        };
        try
        {
            await _sender.SendAsync(ack, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or Transport.MailTransportException)
        {
            LogAckFailed(_logger, ex, rawId, original.AssignmentId);
            return false;
        }
    }

    private string? FindNoticeId(MailView view)
    {
        foreach (var address in view.Recipients)
        {
            foreach (Match m in ReplyAddress().Matches(address))
            {
                if (_options.ReplyDomain is { Length: > 0 } domain && !string.Equals(m.Groups[2].Value, domain, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (_tokens.ValidateReplyToken(m.Groups[1].Value) is { } id)
                {
                    return id;
                }
            }
        }

        if (view.Subject is not null)
        {
            foreach (Match m in SubjectToken().Matches(view.Subject))
            {
                if (_tokens.ValidateReplyToken(m.Value) is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private static InboundResult Rejected(string id, InboundRejection why, MailView? view) => new()
    {
        Status = InboundStatus.Rejected,
        Rejection = why,
        RawMessageId = id,
        From = view?.FromAddress,
    };

    private static async Task<FormData> ReadFormAsync(ReadOnlyMemory<byte> body, string contentType, CancellationToken cancellationToken)
    {
        var form = new FormData();
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return form;
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return form;
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray(), writable: false)) { HeadersCountLimit = 64, HeadersLengthLimit = 64 * 1024 };
        try
        {
            MultipartSection? section;
            while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                if (disposition.IsFileDisposition())
                {
                    form.Files.Add(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? name);
                }
                else if (!form.Fields.ContainsKey(name))
                {
                    form.Fields[name] = content.ToArray();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // A truncated or broken body: keep the fields read before the damage.
        }

        return form;
    }

    private static MailView ToView(FormData form)
    {
        var charsets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (form.Fields.TryGetValue("charsets", out var cs))
        {
            try
            {
                foreach (var p in JsonDocument.Parse(cs).RootElement.EnumerateObject())
                {
                    charsets[p.Name] = p.Value.GetString() ?? "utf-8";
                }
            }
            catch (JsonException)
            {
            }
        }

        string? Field(string name) => form.Fields.TryGetValue(name, out var bytes) ? MailEncodings.Get(charsets.GetValueOrDefault(name, "utf-8")).GetString(bytes) : null;

        var recipients = new List<string>();
        if (Field("envelope") is { } envelope)
        {
            try
            {
                using var doc = JsonDocument.Parse(envelope);
                if (doc.RootElement.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array)
                {
                    recipients.AddRange(to.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!));
                }
            }
            catch (JsonException)
            {
            }
        }

        if (form.Fields.TryGetValue("email", out var raw))
        {
            var mime = MimeParser.Parse(raw);
            recipients.AddRange(new[] { "To", "Cc", "Delivered-To", "X-Original-To" }.Select(mime.Header).OfType<string>());
            recipients.AddRange(new[] { Field("to"), Field("cc") }.OfType<string>());
            var fromHeader = mime.Header("From") ?? Field("from");
            return new MailView(
                fromHeader,
                SingleAddress(fromHeader, mime.HeaderCount("From")),
                mime.Header("Subject") ?? Field("subject"),
                recipients,
                mime.FirstText("text/plain"),
                mime.FirstText("text/html"),
                [.. mime.Attachments().Select(a => a.FileName ?? a.MediaType)]);
        }

        recipients.AddRange(new[] { Field("to"), Field("cc") }.OfType<string>());
        var from = Field("from");
        return new MailView(
            from,
            SingleAddress(from, 1),
            Field("subject"),
            recipients,
            NullIfBlank(Field("text")),
            NullIfBlank(Field("html")),
            form.Files);
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    /// <summary>The one address in a From header; null when there are several, a line break, or none.</summary>
    private static string? SingleAddress(string? header, int headerCount)
    {
        if (header is null || headerCount != 1 || header.AsSpan().IndexOfAny('\r', '\n') >= 0 || header.Length > 512)
        {
            return null;
        }

        var angle = AngleAddress().Matches(header);
        if (angle.Count > 1)
        {
            return null;
        }

        var candidate = angle.Count == 1 ? angle[0].Groups[1].Value : header.Trim();
        return MailAddressRules.IsValid(candidate) ? candidate : null;
    }

    [GeneratedRegex(@"checkin\+([0-9a-fA-F]{32}-[0-9a-fA-F]{10})@([A-Za-z0-9.-]+)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex ReplyAddress();

    [GeneratedRegex(@"[0-9a-fA-F]{32}-[0-9a-fA-F]{10}", RegexOptions.None, 1000)]
    private static partial Regex SubjectToken();

    [GeneratedRegex(@"<([^<>\s]+)>", RegexOptions.None, 1000)]
    private static partial Regex AngleAddress();

    [LoggerMessage(Level = LogLevel.Information, Message = "Inbound message {RawMessageId}: {Outcome} (notice {NoticeId}, assignment {AssignmentId})")]
    private static partial void LogHandled(ILogger logger, string rawMessageId, string outcome, string? noticeId, string? assignmentId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound message {RawMessageId}: the acknowledgement for assignment {AssignmentId} could not be sent")]
    private static partial void LogAckFailed(ILogger logger, Exception exception, string rawMessageId, string assignmentId);

    private sealed class FormData
    {
        public Dictionary<string, byte[]> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Files { get; } = [];
    }

    private sealed record MailView(string? FromHeader, string? FromAddress, string? Subject, List<string> Recipients, string? Text, string? Html, IReadOnlyList<string> Attachments);
}
