using System.Globalization;
using System.Text;

namespace Dispatch.Mail.Transport;

/// <summary>
/// Writes a rendered notice as an RFC 5322/2045 message: UTF-8 encoded-word headers folded under 78 columns,
/// multipart/alternative with text/plain before text/html, attachments in multipart/mixed, every body base64 in
/// 76-column lines, CRLF line ends, 7-bit clean. Boundaries derive from the notice id (base64 never contains
/// <c>=_</c>), and the Date comes from the injected clock, so the same notice gives the same bytes.
/// </summary>
internal static class MimeWriter
{
    /// <summary>Returns the message bytes.</summary>
    public static byte[] Write(OutgoingMail mail, DateTimeOffset date)
    {
        var sb = new StringBuilder(16 * 1024);
        var domain = mail.From.Email[(mail.From.Email.IndexOf('@', StringComparison.Ordinal) + 1)..];
        Header(sb, "From", Address(mail.From.Name, mail.From.Email));
        Header(sb, "To", string.Join(", ", mail.To.Select(t => Address(t.Name, t.Email))));
        var seen = new HashSet<string>(mail.To.Select(t => t.Email), StringComparer.OrdinalIgnoreCase);
        var cc = mail.Cc.Where(c => seen.Add(c.Email)).ToList();
        if (cc.Count > 0)
        {
            Header(sb, "Cc", string.Join(", ", cc.Select(c => Address(c.Name, c.Email))));
        }

        if (mail.Content.ReplyTo is { } replyTo)
        {
            Header(sb, "Reply-To", replyTo);
        }

        Header(sb, "Subject", Encode(mail.Content.Subject));
        Header(sb, "Date", date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture) + date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal));
        Header(sb, "Message-ID", $"<{mail.NoticeId}@{domain}>");
        Header(sb, "MIME-Version", "1.0");
        Header(sb, "X-Dispatch-Notice-Id", mail.NoticeId);
        Header(sb, "X-Dispatch-Notice-Kind", mail.Kind.ToString());
        Header(sb, "X-Dispatch-Assignment-Id", Encode(mail.AssignmentId));

        var alternative = "=_alt_" + mail.NoticeId;
        if (mail.Content.Attachments.Count > 0)
        {
            var mixed = "=_mix_" + mail.NoticeId;
            Header(sb, "Content-Type", $"multipart/mixed; boundary=\"{mixed}\"");
            sb.Append("\r\n--").Append(mixed).Append("\r\n");
            Alternative(sb, alternative, mail);
            foreach (var a in mail.Content.Attachments)
            {
                sb.Append("\r\n--").Append(mixed).Append("\r\n");
                var name = a.FileName.All(c => c is >= ' ' and < (char)127 and not '"' and not '\\') ? a.FileName : Encode(a.FileName);
                Header(sb, "Content-Type", $"{a.ContentType}; name=\"{name}\"");
                Header(sb, "Content-Disposition", $"attachment; filename=\"{name}\"");
                Header(sb, "Content-Transfer-Encoding", "base64");
                sb.Append("\r\n");
                Base64(sb, a.Content.Span);
            }

            sb.Append("\r\n--").Append(mixed).Append("--\r\n");
        }
        else
        {
            Alternative(sb, alternative, mail);
        }

        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static void Alternative(StringBuilder sb, string boundary, OutgoingMail mail)
    {
        Header(sb, "Content-Type", $"multipart/alternative; boundary=\"{boundary}\"");
        foreach (var (type, text) in new[] { ("text/plain", mail.Content.Text), ("text/html", mail.Content.Html) })
        {
            sb.Append("\r\n--").Append(boundary).Append("\r\n");
            Header(sb, "Content-Type", type + "; charset=utf-8");
            Header(sb, "Content-Transfer-Encoding", "base64");
            sb.Append("\r\n");
            Base64(sb, Encoding.UTF8.GetBytes(text));
        }

        sb.Append("\r\n--").Append(boundary).Append("--\r\n");
    }

    private static void Base64(StringBuilder sb, ReadOnlySpan<byte> data)
    {
        var encoded = Convert.ToBase64String(data);
        for (var i = 0; i < encoded.Length; i += 76)
        {
            sb.Append(encoded, i, Math.Min(76, encoded.Length - i)).Append("\r\n");
        }
    }

    private static string Address(string name, string email) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == ' ') ? $"{name} <{email}>" : $"{Encode(name)} <{email}>";

    /// <summary>RFC 2047 B-encoding in UTF-8, split into words of at most 45 bytes without splitting a character.</summary>
    private static string Encode(string value)
    {
        if (value.All(c => c is >= ' ' and < (char)127))
        {
            return value;
        }

        var words = new List<string>();
        var bytes = new List<byte>(48);
        var buffer = new byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var length = char.IsHighSurrogate(value[i]) && i + 1 < value.Length ? 2 : 1;
            var n = Encoding.UTF8.GetBytes(value.AsSpan(i, length), buffer);
            if (bytes.Count + n > 45)
            {
                words.Add("=?utf-8?B?" + Convert.ToBase64String([.. bytes]) + "?=");
                bytes.Clear();
            }

            bytes.AddRange(buffer.AsSpan(0, n).ToArray());
            i += length - 1;
        }

        if (bytes.Count > 0)
        {
            words.Add("=?utf-8?B?" + Convert.ToBase64String([.. bytes]) + "?=");
        }

        return string.Join("\r\n ", words);
    }

    private static void Header(StringBuilder sb, string name, string value)
    {
        // Values never hold a bare line break: addresses and names were validated, text went through Encode.
        sb.Append(name).Append(": ").Append(value.Replace("\r\n ", "\u0001", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ').Replace("\u0001", "\r\n ", StringComparison.Ordinal)).Append("\r\n");
    }
}
