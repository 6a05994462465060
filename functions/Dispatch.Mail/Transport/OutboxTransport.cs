using System.Globalization;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Dispatch.Mail.Transport;

/// <summary>
/// Writes each notice as <c>{noticeId}.eml</c> in the outbox folder and appends it to <see cref="OutboxIndex"/>.
/// The MIME is System.Net.Mail's own: <see cref="SmtpClient"/> with <see cref="SmtpDeliveryMethod.SpecifiedPickupDirectory"/>
/// writes a standards-correct message (encoded-word UTF-8 subject and names, multipart/alternative with
/// text/plain before text/html, base64 parts, attachments). Where it falls short, and what this class adds:
/// <list type="bullet">
/// <item>It names files with a random GUID; we need one file per notice so a re-sent in-doubt notice replaces
/// its first copy instead of making a second email. Each thread writes to its own staging folder and the one file
/// it produced is moved to <c>{noticeId}.eml</c>.</item>
/// <item>It stamps <c>Date</c> with the machine clock (DateTime.Now) and adds no Message-ID; we set a
/// Message-ID derived from the notice id. The Date header stays System.Net.Mail's (tests do not assert it).</item>
/// <item>It prepends the pickup envelope lines <c>X-Sender</c> and <c>X-Receiver</c>; MIME readers ignore them as
/// unknown headers, so they stay.</item>
/// <item>It is synchronous; a write is a small local file, so that costs little.</item>
/// </list>
/// </summary>
internal sealed class OutboxTransport : IMailTransport
{
    private readonly OutboxIndex _index;
    private readonly TimeProvider _timeProvider;
    private readonly string _staging;

    public OutboxTransport(OutboxIndex index, TimeProvider timeProvider)
    {
        _index = index;
        _timeProvider = timeProvider;
        Directory.CreateDirectory(index.Directory);
        _staging = Path.Combine(index.Directory, ".staging");
        Directory.CreateDirectory(_staging);
    }

    /// <inheritdoc />
    public bool IsIdempotent => true;

    /// <inheritdoc />
    public Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var message = ToMailMessage(mail);
        var staging = Path.Combine(_staging, Environment.CurrentManagedThreadId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(staging);
        foreach (var stale in Directory.EnumerateFiles(staging))
        {
            File.Delete(stale);
        }

        using (var smtp = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
        {
            smtp.Send(message);
        }

        var written = Directory.GetFiles(staging);
        if (written.Length != 1)
        {
            throw new MailTransportException($"The pickup directory {staging} holds {written.Length} files after one send; expected 1.", 500, [], true);
        }

        var file = mail.NoticeId + ".eml";
        File.Move(written[0], _index.PathOf(mail.NoticeId), overwrite: true);
        _index.Append(new OutboxEntry(
            mail.NoticeId,
            file,
            mail.Kind,
            mail.AssignmentId,
            [.. mail.To.Select(t => t.Email)],
            [.. mail.Cc.Select(c => c.Email)],
            mail.Content.Subject,
            mail.Content.ReplyTo,
            mail.Content.Links,
            _timeProvider.GetUtcNow()));
        return Task.FromResult(file);
    }

    /// <summary>Builds the System.Net.Mail message for a rendered notice.</summary>
    internal static MailMessage ToMailMessage(OutgoingMail mail)
    {
        var message = new MailMessage
        {
            From = new MailAddress(mail.From.Email, mail.From.Name, Encoding.UTF8),
            Subject = mail.Content.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        foreach (var t in mail.To)
        {
            message.To.Add(new MailAddress(t.Email, t.Name, Encoding.UTF8));
        }

        var seen = new HashSet<string>(mail.To.Select(t => t.Email), StringComparer.OrdinalIgnoreCase);
        foreach (var c in mail.Cc.Where(c => seen.Add(c.Email)))
        {
            message.CC.Add(new MailAddress(c.Email, c.Name, Encoding.UTF8));
        }

        if (mail.Content.ReplyTo is { } replyTo)
        {
            message.ReplyToList.Add(new MailAddress(replyTo));
        }

        var domain = mail.From.Email[(mail.From.Email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        message.Headers.Add("Message-ID", $"<{mail.NoticeId}@{domain}>");
        message.Headers.Add("X-Dispatch-Notice-Id", mail.NoticeId);
        message.Headers.Add("X-Dispatch-Notice-Kind", mail.Kind.ToString());
        message.Headers.Add("X-Dispatch-Assignment-Id", mail.AssignmentId);

        var text = AlternateView.CreateAlternateViewFromString(mail.Content.Text, Encoding.UTF8, MediaTypeNames.Text.Plain);
        text.TransferEncoding = TransferEncoding.Base64;
        var html = AlternateView.CreateAlternateViewFromString(mail.Content.Html, Encoding.UTF8, MediaTypeNames.Text.Html);
        html.TransferEncoding = TransferEncoding.Base64;
        message.AlternateViews.Add(text);
        message.AlternateViews.Add(html);
        foreach (var a in mail.Content.Attachments)
        {
            var attachment = new Attachment(new MemoryStream(a.Content.ToArray(), writable: false), new ContentType(a.ContentType))
            {
                TransferEncoding = TransferEncoding.Base64,
                Name = a.FileName,
            };
            attachment.ContentDisposition!.FileName = a.FileName;
            message.Attachments.Add(attachment);
        }

        return message;
    }
}
