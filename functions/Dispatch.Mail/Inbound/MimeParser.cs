using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// A small, tolerant MIME reader (RFC 5322 headers, RFC 2045 bodies, RFC 2046 multipart, RFC 2047 encoded words,
/// RFC 2231 file names), enough for replies and for reading back outbox files. MimeKit is not available here.
/// Bad input degrades (a broken part becomes text) instead of throwing; nesting is capped.
/// </summary>
internal static partial class MimeParser
{
    private const int MaxDepth = 16;
    private const int MaxParts = 256;

    /// <summary>Parses a whole message.</summary>
    public static MimeEntity Parse(ReadOnlySpan<byte> message)
    {
        var parts = 0;
        return ParseEntity(message, 0, ref parts);
    }

    /// <summary>Decodes RFC 2047 encoded words (<c>=?charset?B|Q?…?=</c>); whitespace between adjacent words is dropped.</summary>
    public static string DecodeWords(string value)
    {
        if (!value.Contains("=?", StringComparison.Ordinal))
        {
            return value;
        }

        var collapsed = BetweenWords().Replace(value, "$1$2");
        return EncodedWord().Replace(collapsed, m =>
        {
            var charset = m.Groups[1].Value;
            var star = charset.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0)
            {
                charset = charset[..star];
            }

            var encoding = MailEncodings.Get(charset);
            var text = m.Groups[3].Value;
            byte[] bytes = char.ToUpperInvariant(m.Groups[2].Value[0]) == 'B'
                ? DecodeBase64(Encoding.ASCII.GetBytes(text))
                : DecodeQuotedPrintable(Encoding.ASCII.GetBytes(text.Replace('_', ' ')));
            return encoding.GetString(bytes);
        });
    }

    /// <summary>Decodes base64, skipping whitespace and junk characters.</summary>
    public static byte[] DecodeBase64(ReadOnlySpan<byte> data)
    {
        var clean = new byte[data.Length];
        var n = 0;
        foreach (var b in data)
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'+' or (byte)'/')
            {
                clean[n++] = b;
            }
        }

        n -= n % 4 == 1 ? 1 : 0;
        var padded = n % 4 == 0 ? n : n + (4 - (n % 4));
        var chars = new char[padded];
        for (var i = 0; i < padded; i++)
        {
            chars[i] = i < n ? (char)clean[i] : '=';
        }

        return Convert.TryFromBase64Chars(chars, new byte[padded / 4 * 3], out _) ? Convert.FromBase64CharArray(chars, 0, padded) : [];
    }

    /// <summary>Decodes quoted-printable (soft line breaks, <c>=XX</c>; a bad escape stays as written).</summary>
    public static byte[] DecodeQuotedPrintable(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        var n = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b != (byte)'=')
            {
                output[n++] = b;
                continue;
            }

            if (i + 1 < data.Length && data[i + 1] == (byte)'\n')
            {
                i += 1;
                continue;
            }

            if (i + 2 < data.Length && data[i + 1] == (byte)'\r' && data[i + 2] == (byte)'\n')
            {
                i += 2;
                continue;
            }

            if (i + 2 < data.Length && IsHex(data[i + 1]) && IsHex(data[i + 2]))
            {
                output[n++] = (byte)((Hex(data[i + 1]) << 4) | Hex(data[i + 2]));
                i += 2;
                continue;
            }

            output[n++] = b;
        }

        return output.AsSpan(0, n).ToArray();
    }

    /// <summary>Parses a header value's <c>; name=value</c> parameters, including RFC 2231 <c>name*=charset''…</c>.</summary>
    public static (string Value, Dictionary<string, string> Parameters) ParseParameters(string header)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segments = SplitParameters(header);
        var value = segments.Count > 0 ? segments[0].Trim().ToLowerInvariant() : string.Empty;
        var continued = new SortedDictionary<string, SortedDictionary<int, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in segments.Skip(1))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = segment[..eq].Trim();
            var raw = segment[(eq + 1)..].Trim();
            if (raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"')
            {
                raw = raw[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            if (name.EndsWith('*'))
            {
                name = name[..^1];
                var star = name.IndexOf('*', StringComparison.Ordinal);
                var index = 0;
                if (star > 0 && int.TryParse(name[(star + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var k))
                {
                    index = k;
                    name = name[..star];
                }

                raw = Rfc2231(raw, index == 0);
                AddContinued(continued, name, index, raw);
                continue;
            }

            var s = name.IndexOf('*', StringComparison.Ordinal);
            if (s > 0 && int.TryParse(name[(s + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var idx))
            {
                AddContinued(continued, name[..s], idx, raw);
                continue;
            }

            parameters[name] = DecodeWords(raw);
        }

        foreach (var (name, pieces) in continued)
        {
            parameters[name] = string.Concat(pieces.Values);
        }

        return (value, parameters);
    }

    private static void AddContinued(SortedDictionary<string, SortedDictionary<int, string>> continued, string name, int index, string value)
    {
        if (!continued.TryGetValue(name, out var pieces))
        {
            continued[name] = pieces = [];
        }

        pieces[index] = value;
    }

    private static string Rfc2231(string raw, bool first)
    {
        var charset = "utf-8";
        if (first)
        {
            var q1 = raw.IndexOf('\'', StringComparison.Ordinal);
            var q2 = q1 >= 0 ? raw.IndexOf('\'', q1 + 1) : -1;
            if (q2 > q1)
            {
                charset = raw[..q1];
                raw = raw[(q2 + 1)..];
            }
        }

        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && byte.TryParse(raw.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(raw[i].ToString()));
            }
        }

        return MailEncodings.Get(charset).GetString([.. bytes]);
    }

    private static List<string> SplitParameters(string header)
    {
        var list = new List<string>();
        var sb = new StringBuilder();
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                list.Add(sb.ToString());
                sb.Clear();
                continue;
            }

            sb.Append(c);
        }

        list.Add(sb.ToString());
        return list;
    }

    private static MimeEntity ParseEntity(ReadOnlySpan<byte> data, int depth, ref int parts)
    {
        var entity = new MimeEntity();
        var (headerEnd, bodyStart) = FindHeaderEnd(data);
        ReadHeaders(data[..headerEnd], entity);

        var (mediaType, parameters) = ParseParameters(entity.Header("Content-Type") ?? "text/plain");
        entity.MediaType = mediaType.Contains('/', StringComparison.Ordinal) ? mediaType : "text/plain";
        foreach (var (k, v) in parameters)
        {
            entity.Parameters[k] = v;
        }

        if (entity.Header("Content-Disposition") is { } disposition)
        {
            var (kind, dp) = ParseParameters(disposition);
            entity.IsAttachment = kind == "attachment";
            entity.FileName = dp.GetValueOrDefault("filename");
        }

        entity.FileName ??= entity.Parameters.GetValueOrDefault("name");
        var body = bodyStart >= data.Length ? [] : data[bodyStart..];
        if (entity.MediaType.StartsWith("multipart/", StringComparison.Ordinal)
            && entity.Parameters.TryGetValue("boundary", out var boundary) && boundary.Length is > 0 and <= 200
            && depth < MaxDepth)
        {
            foreach (var range in SplitMultipart(body, Encoding.ASCII.GetBytes("--" + boundary)))
            {
                if (++parts > MaxParts)
                {
                    break;
                }

                entity.Parts.Add(ParseEntity(body[range], depth + 1, ref parts));
            }

            if (entity.Parts.Count > 0)
            {
                return entity;
            }

            entity.MediaType = "text/plain";
        }

        if (entity.MediaType == "message/rfc822" && depth < MaxDepth)
        {
            entity.Parts.Add(ParseEntity(body, depth + 1, ref parts));
            return entity;
        }

        var cte = (entity.Header("Content-Transfer-Encoding") ?? string.Empty).Trim().ToLowerInvariant();
        entity.Body = cte switch
        {
            "base64" => DecodeBase64(body),
            "quoted-printable" => DecodeQuotedPrintable(body),
            _ => body.ToArray(),
        };
        return entity;
    }

    private static (int HeaderEnd, int BodyStart) FindHeaderEnd(ReadOnlySpan<byte> data)
    {
        if (data.Length > 0 && (data[0] == (byte)'\n' || (data[0] == (byte)'\r' && data.Length > 1 && data[1] == (byte)'\n')))
        {
            return (0, data[0] == (byte)'\n' ? 1 : 2);
        }

        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            return (crlf, crlf + 4);
        }

        return lf >= 0 ? (lf, lf + 2) : (data.Length, data.Length);
    }

    private static void ReadHeaders(ReadOnlySpan<byte> block, MimeEntity entity)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(block);
        }
        catch (DecoderFallbackException)
        {
            // 8-bit headers that are not UTF-8: Chinese mail clients send raw GB18030.
            text = MailEncodings.Get("gb18030").GetString(block);
        }

        string? name = null;
        var value = new StringBuilder();
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && name is not null)
            {
                value.Append(' ').Append(line.Trim());
                continue;
            }

            if (name is not null)
            {
                entity.Headers.Add(new(name, value.ToString()));
                name = null;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c <= ' ' || c > '~'))
            {
                continue;
            }

            name = line[..colon];
            value.Clear().Append(line[(colon + 1)..].Trim());
        }

        if (name is not null)
        {
            entity.Headers.Add(new(name, value.ToString()));
        }
    }

    private static List<Range> SplitMultipart(ReadOnlySpan<byte> body, byte[] delimiter)
    {
        var ranges = new List<Range>();
        var starts = new List<(int LineStart, int AfterLine, bool Close)>();
        var pos = 0;
        while (pos < body.Length)
        {
            var idx = body[pos..].IndexOf(delimiter);
            if (idx < 0)
            {
                break;
            }

            var at = pos + idx;
            if (at == 0 || body[at - 1] == (byte)'\n')
            {
                var after = at + delimiter.Length;
                var close = after + 1 < body.Length && body[after] == (byte)'-' && body[after + 1] == (byte)'-';
                var eol = body[after..].IndexOf((byte)'\n');
                var afterLine = eol < 0 ? body.Length : after + eol + 1;
                var lineStart = at > 0 && body[at - 1] == (byte)'\n' ? at - 1 : at;
                if (lineStart > 0 && body[lineStart - 1] == (byte)'\r')
                {
                    lineStart--;
                }

                starts.Add((lineStart, afterLine, close));
                if (close)
                {
                    break;
                }
            }

            pos = at + delimiter.Length;
        }

        for (var i = 0; i < starts.Count; i++)
        {
            if (starts[i].Close)
            {
                break;
            }

            var end = i + 1 < starts.Count ? starts[i + 1].LineStart : body.Length;
            if (end > starts[i].AfterLine)
            {
                ranges.Add(starts[i].AfterLine..end);
            }
        }

        return ranges;
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'F') or (>= (byte)'a' and <= (byte)'f');

    private static int Hex(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    [GeneratedRegex(@"(\?=)\s+(=\?)")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")]
    private static partial Regex EncodedWord();
}
