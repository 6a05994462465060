using Dispatch.Mail.SendGrid;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Transport;

/// <summary>Sends notices through <see cref="SendGridClient"/>, tagging each with its notice id, kind and assignment.</summary>
internal sealed class SendGridTransport(SendGridClient client, IOptions<SendGridClientOptions> options) : IMailTransport
{
    /// <summary>The custom_args key carrying the notice id, echoed in Event Webhook events.</summary>
    public const string NoticeIdArg = "dispatch_notice_id";

    /// <summary>The custom_args key carrying the notice kind.</summary>
    public const string KindArg = "dispatch_notice_kind";

    /// <summary>The custom_args key carrying the assignment id.</summary>
    public const string AssignmentArg = "dispatch_assignment_id";

    /// <inheritdoc />
    public bool IsIdempotent => false;

    /// <inheritdoc />
    public async Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        var response = await client.SendEmailAsync(ToMessage(mail, options.Value), cancellationToken).ConfigureAwait(false);
        return response.MessageId ?? string.Empty;
    }

    /// <summary>Maps a rendered notice to a Mail Send body.</summary>
    public static SendGridMessage ToMessage(OutgoingMail mail, SendGridClientOptions options)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(mail.From.Email, mail.From.Name),
            ReplyTo = mail.Content.ReplyTo is { } r ? new EmailAddress(r) : null,
            Subject = mail.Content.Subject,
            PlainTextContent = mail.Content.Text,
            HtmlContent = mail.Content.Html,
        };
        var p = new Personalization();
        p.Tos.AddRange(mail.To.Select(t => new EmailAddress(t.Email, t.Name)));
        var seen = new HashSet<string>(mail.To.Select(t => t.Email), StringComparer.OrdinalIgnoreCase);
        p.Ccs.AddRange(mail.Cc.Where(c => seen.Add(c.Email)).Select(c => new EmailAddress(c.Email, c.Name)));
        message.Personalizations.Add(p);
        foreach (var a in mail.Content.Attachments)
        {
            message.Attachments.Add(new SendGridAttachment(Convert.ToBase64String(a.Content.Span), a.ContentType, a.FileName));
        }

        foreach (var c in options.Categories.Take(9))
        {
            message.Categories.Add(c);
        }

        if (!message.Categories.Contains(mail.Kind.ToString()))
        {
            message.Categories.Add(mail.Kind.ToString());
        }

        message.CustomArgs[NoticeIdArg] = mail.NoticeId;
        message.CustomArgs[KindArg] = mail.Kind.ToString();
        message.CustomArgs[AssignmentArg] = mail.AssignmentId;
        return message;
    }
}
