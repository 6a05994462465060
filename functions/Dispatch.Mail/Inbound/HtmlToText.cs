using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Mail.Inbound;

/// <summary>Turns an HTML-only reply into text lines, dropping quoted history (blockquote, Gmail/Outlook/QQ quote blocks).</summary>
internal static partial class HtmlToText
{
    /// <summary>Converts <paramref name="html"/>.</summary>
    public static string Convert(string html)
    {
        var s = Comments().Replace(html, string.Empty);
        s = Invisible().Replace(s, string.Empty);
        s = RemoveElements(s, "blockquote");
        var quoteStart = QuoteMarkers().Match(s);
        if (quoteStart.Success)
        {
            s = s[..quoteStart.Index];
        }

        s = LineBreaks().Replace(s, "\n");
        s = Tags().Replace(s, string.Empty);
        s = WebUtility.HtmlDecode(s).Replace('\u00A0', ' ');
        var sb = new StringBuilder(s.Length);
        foreach (var line in s.Split('\n'))
        {
            sb.Append(line.Trim()).Append('\n');
        }

        return sb.ToString();
    }

    private static string RemoveElements(string html, string tag)
    {
        var open = new Regex("<" + tag + @"\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var close = new Regex("</" + tag + @"\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var sb = new StringBuilder(html.Length);
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var o = open.Match(html, i);
            var c = close.Match(html, i);
            if (!o.Success && !c.Success)
            {
                if (depth == 0)
                {
                    sb.Append(html, i, html.Length - i);
                }

                break;
            }

            if (o.Success && (!c.Success || o.Index < c.Index))
            {
                if (depth == 0)
                {
                    sb.Append(html, i, o.Index - i);
                }

                depth++;
                i = o.Index + o.Length;
            }
            else
            {
                if (depth == 0)
                {
                    sb.Append(html, i, c.Index + c.Length - i);
                }
                else
                {
                    depth--;
                }

                i = c.Index + c.Length;
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline, 1000)]
    private static partial Regex Comments();

    [GeneratedRegex(@"<(head|style|script|title)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase, 1000)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<div[^>]*\b(class|id)=[""']?(gmail_quote|gmail_attr|yahoo_quoted|divRplyFwdMsg|appendonsend|reply-content|mail-quote)[^>]*>|<hr[^>]*id=[""']?stopSpelling|<div[^>]*id=[""']?(isReplyContent|original-content)", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex QuoteMarkers();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|tr|li|h[1-6]|table|pre)\s*>|<(p|div|tr|li)\b[^>]*>", RegexOptions.IgnoreCase, 1000)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("<[^>]*>", RegexOptions.Singleline, 1000)]
    private static partial Regex Tags();
}
