using System.Text;
using Dispatch.Mail.Calendar;
using Dispatch.Mail.Links;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Templates;

/// <summary>
/// Renders a <see cref="Notice"/> to subject, plain text, HTML (600-px table layout with inline styles, which
/// Outlook, Gmail and mobile clients all show), signed links and the calendar attachment. Data in, text out:
/// every value comes from the notice; a missing one throws <see cref="NoticeRenderException"/>.
/// </summary>
public sealed class NoticeRenderer
{
    private readonly MailOptions _options;
    private readonly LinkTokenService _tokens;
    private readonly TimeProvider _timeProvider;
    private readonly string _baseUrl;

    /// <summary>Creates the renderer.</summary>
    public NoticeRenderer(IOptions<MailOptions> options, LinkTokenService tokens, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _tokens = tokens;
        _timeProvider = timeProvider;
        _baseUrl = _options.PublicBaseUrl.TrimEnd('/');
    }

    /// <summary>Renders <paramref name="notice"/>; throws <see cref="ArgumentException"/> (or <see cref="NoticeRenderException"/>) when it cannot.</summary>
    public RenderedNotice Render(Notice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        notice.Validate();
        var template = NoticeTemplates.Get(notice.Kind, notice.Language);
        var zh = notice.Language == NoticeLanguage.ZhCn;
        var problems = new List<string>();
        var format = new ValueFormatter(notice.Model, notice.To[0].Name, notice.Language);

        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, _) in template.Actions)
        {
            var link = notice.Links.FirstOrDefault(l => l.Name == name);
            if (link is null)
            {
                problems.Add($"missing link '{name}'");
                continue;
            }

            links[name] = $"{_baseUrl}/{link.Purpose}/{_tokens.Issue(link.Purpose, link.SubjectId, link.ExpiresAt)}";
        }

        string? replyTo = _options.ReplyToEmail is { Length: > 0 } r ? r : null;
        string? replyToken = null;
        if (notice.ReplySubjectId is not null && _options.ReplyDomain is { Length: > 0 } domain)
        {
            replyToken = _tokens.IssueReplyToken(notice.NoticeId);
            replyTo = $"checkin+{replyToken}@{domain}";
        }

        var sb = new StringBuilder(256);
        template.Subject.Render(sb, format, false, problems);
        if (replyToken is not null)
        {
            sb.Append(" [#").Append(replyToken).Append(']');
        }

        var subject = sb.ToString();
        var heading = Plain(template.Heading, format, problems);
        var text = RenderText(template, format, links, heading, zh, replyToken is not null, problems);
        var html = RenderHtml(template, format, links, zh, replyToken is not null, problems);
        if (problems.Count > 0)
        {
            throw new NoticeRenderException(notice.Kind, problems);
        }

        if (subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new NoticeRenderException(notice.Kind, ["the subject holds a line break (a model value used in it has one)"]);
        }

        IReadOnlyList<MailAttachment> attachments = [];
        if (notice.CalendarEvent is { } ev)
        {
            var ics = IcsWriter.Write(
                ev,
                heading + "：" + subject,
                text,
                new NoticeRecipient(_options.FromName, _options.FromEmail, RecipientRole.Hr),
                notice.To,
                _timeProvider.GetUtcNow());
            var method = ev.Cancelled ? "CANCEL" : "REQUEST";
            attachments = [new MailAttachment(ev.Cancelled ? "cancel.ics" : "invite.ics", $"text/calendar; charset=UTF-8; method={method}", Encoding.UTF8.GetBytes(ics))];
        }

        return new RenderedNotice(subject, text, html, links, attachments, replyTo);
    }

    private static string Plain(TemplateText t, ValueFormatter format, List<string> problems)
    {
        var sb = new StringBuilder(64);
        t.Render(sb, format, false, problems);
        return sb.ToString();
    }

    private static string RenderText(CompiledTemplate t, ValueFormatter format, Dictionary<string, string> links, string heading, bool zh, bool replyForm, List<string> problems)
    {
        var sb = new StringBuilder(2048);
        sb.Append(heading).Append('\n').Append(new string('=', 24)).Append("\n\n");
        format.Append(sb, "recipientName", null, false, problems);
        sb.Append(zh ? "：您好！\n\n" : ",\n\n");
        foreach (var p in t.Paragraphs)
        {
            p.Render(sb, format, false, problems);
            sb.Append("\n\n");
        }

        foreach (var (label, value) in t.Facts)
        {
            sb.Append(label).Append(zh ? "：" : ": ");
            value.Render(sb, format, false, problems);
            sb.Append('\n');
        }

        foreach (var (name, label) in t.Actions)
        {
            if (links.TryGetValue(name, out var url))
            {
                sb.Append('\n').Append(label).Append(zh ? "：\n" : ":\n").Append(url).Append('\n');
            }
        }

        if (t.ReplyForm && replyForm)
        {
            sb.Append('\n').Append(zh ? "—— 直接回复本邮件也可以：在每行冒号后填写，其他内容不用改 ——" : "-- Or reply to this email: write after the colon on each line --").Append('\n');
            foreach (var field in CheckInFields.All)
            {
                sb.Append(CheckInFields.Label(field, zh ? NoticeLanguage.ZhCn : NoticeLanguage.En)).Append(": \n");
            }
        }

        sb.Append("\n--\n").Append(zh ? "本邮件由驻村第一书记管理系统自动发送。链接仅供本人使用，请勿转发。" : "Sent by the first secretary dispatch system. The links are for you only; please do not forward them.").Append('\n');
        return sb.ToString();
    }

    private static string RenderHtml(CompiledTemplate t, ValueFormatter format, Dictionary<string, string> links, bool zh, bool replyForm, List<string> problems)
    {
        var sb = new StringBuilder(6144);
        sb.Append("<!DOCTYPE html><html lang=\"").Append(zh ? "zh-CN" : "en").Append("\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
        t.Heading.Render(sb, format, true, problems);
        sb.Append("</title></head><body style=\"margin:0;padding:0;background-color:#f3f4f6;\">");
        sb.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:16px 8px;\">");
        sb.Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:100%;max-width:600px;background-color:#ffffff;border:1px solid #e5e7eb;font-family:'PingFang SC','Microsoft YaHei',Arial,sans-serif;font-size:15px;line-height:1.6;color:#1f2937;\">");
        sb.Append("<tr><td style=\"background-color:#b91c1c;color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;\">");
        t.Heading.Render(sb, format, true, problems);
        sb.Append("</td></tr><tr><td style=\"padding:24px;\">");
        sb.Append("<p style=\"margin:0 0 16px 0;\">");
        format.Append(sb, "recipientName", null, true, problems);
        sb.Append(zh ? "：您好！" : ",").Append("</p>");
        foreach (var p in t.Paragraphs)
        {
            sb.Append("<p style=\"margin:0 0 16px 0;\">");
            p.Render(sb, format, true, problems);
            sb.Append("</p>");
        }

        if (t.Facts.Count > 0)
        {
            sb.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;margin:0 0 16px 0;\">");
            foreach (var (label, value) in t.Facts)
            {
                sb.Append("<tr><td style=\"padding:6px 8px;border:1px solid #e5e7eb;background-color:#f9fafb;width:35%;color:#4b5563;vertical-align:top;\">");
                HtmlText.Append(sb, label);
                sb.Append("</td><td style=\"padding:6px 8px;border:1px solid #e5e7eb;vertical-align:top;\">");
                value.Render(sb, format, true, problems);
                sb.Append("</td></tr>");
            }

            sb.Append("</table>");
        }

        foreach (var (name, label) in t.Actions)
        {
            if (!links.TryGetValue(name, out var url))
            {
                continue;
            }

            sb.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:8px 0 16px 0;\"><tr><td style=\"background-color:#b91c1c;border-radius:4px;\"><a href=\"");
            HtmlText.Append(sb, url);
            sb.Append("\" style=\"display:inline-block;padding:10px 20px;color:#ffffff;text-decoration:none;font-weight:bold;\">");
            HtmlText.Append(sb, label);
            sb.Append("</a></td></tr></table><p style=\"margin:0 0 16px 0;font-size:12px;color:#6b7280;word-break:break-all;\">");
            sb.Append(zh ? "如按钮无法打开，请复制此链接：" : "If the button does not work, copy this link: ");
            HtmlText.Append(sb, url);
            sb.Append("</p>");
        }

        if (t.ReplyForm && replyForm)
        {
            sb.Append("<p style=\"margin:0 0 8px 0;color:#4b5563;\">").Append(zh ? "也可以直接回复本邮件，在每行冒号后填写：" : "Or reply to this email, writing after the colon on each line:").Append("</p><pre style=\"margin:0 0 16px 0;padding:8px;background-color:#f9fafb;border:1px solid #e5e7eb;font-family:inherit;\">");
            foreach (var field in CheckInFields.All)
            {
                HtmlText.Append(sb, CheckInFields.Label(field, zh ? NoticeLanguage.ZhCn : NoticeLanguage.En));
                sb.Append(": \n");
            }

            sb.Append("</pre>");
        }

        sb.Append("</td></tr><tr><td style=\"padding:12px 24px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280;\">");
        sb.Append(zh ? "本邮件由驻村第一书记管理系统自动发送。链接仅供本人使用，请勿转发。" : "Sent by the first secretary dispatch system. The links are for you only; please do not forward them.");
        sb.Append("</td></tr></table></td></tr></table></body></html>");
        return sb.ToString();
    }
}
