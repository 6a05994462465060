using System.Text.RegularExpressions;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// Keeps what the sender wrote and drops the rest: quoted lines (<c>&gt;</c>), attribution lines ("On … wrote:",
/// "在…写道："), the quoted original under Outlook/QQ/Foxmail header blocks, and signatures. Bottom-posted
/// answers (below the quote) are kept. A forwarded message is read when nothing above the forward marker was written.
/// </summary>
internal static partial class ReplyText
{
    /// <summary>Returns the sender's own lines, one a line.</summary>
    public static IReadOnlyList<string> Extract(string text, Func<string, bool> isAnswerLine)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var kept = new List<string>();
        var skippingHeaderBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (skippingHeaderBlock)
            {
                if (line.Length == 0 || !HeaderLine().IsMatch(line))
                {
                    skippingHeaderBlock = false;
                }

                continue;
            }

            if (line.StartsWith('>') || line.StartsWith('|'))
            {
                continue;
            }

            if (Forwarded().IsMatch(line))
            {
                if (kept.Any(isAnswerLine))
                {
                    break;
                }

                skippingHeaderBlock = true;
                continue;
            }

            if (Attribution().IsMatch(line) || (i + 1 < lines.Length && Attribution().IsMatch(line + " " + lines[i + 1].Trim()) && !isAnswerLine(line)))
            {
                continue;
            }

            if (OriginalMarker().IsMatch(line) || (HeaderStart().IsMatch(line) && LooksLikeHeaderBlock(lines, i)))
            {
                // Outlook-style replies quote the original without '>' below a header block; nothing after it is new.
                break;
            }

            if (Signature().IsMatch(line))
            {
                var rest = lines.Skip(i + 1).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('>')).ToList();
                if (!rest.Any(isAnswerLine))
                {
                    break;
                }

                continue;
            }

            kept.Add(line);
        }

        return kept;
    }

    private static bool LooksLikeHeaderBlock(string[] lines, int start)
    {
        var count = 0;
        for (var j = start; j < Math.Min(lines.Length, start + 6); j++)
        {
            if (HeaderLine().IsMatch(lines[j].Trim()))
            {
                count++;
            }
        }

        return count >= 2;
    }

    [GeneratedRegex(@"^(wrote:|on\b.{0,200}\bwrote:?|在.{0,200}写道[:：]?|.{0,100}于.{0,100}写道[:：]?|.{0,120}\bschrieb:?)$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(-{2,}\s*(original message|原始邮件|原邮件|回复的原邮件|replied message)\s*-{2,}|_{10,}|-{5,}\s*(原始邮件|original)\b.*|-{10,}\s*原始邮件\s*-{10,})$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex OriginalMarker();

    [GeneratedRegex(@"^(-{2,}\s*(forwarded message|转发邮件信息|转发的邮件|转发邮件)\s*-{2,}|begin forwarded message:?|-{5,}\s*转发.*)$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Forwarded();

    [GeneratedRegex(@"^(from|发件人|寄件者)\s*[:：]", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex HeaderStart();

    [GeneratedRegex(@"^(from|to|cc|sent|date|subject|发件人|收件人|抄送|发送时间|时间|日期|主题|寄件者|收件者|寄件日期)\s*[:：]", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex HeaderLine();

    [GeneratedRegex(@"^(--\s*|—{2,}|sent from my .*|发自我的.*|get outlook for .*|发自(网易|QQ|手机|iPhone|华为).*|best regards,?|regards,?|thanks,?|此致|敬礼)$", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Signature();
}
