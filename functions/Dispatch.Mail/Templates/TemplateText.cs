using System.Text;

namespace Dispatch.Mail.Templates;

/// <summary>A template string parsed once into literal text and placeholders.</summary>
internal sealed class TemplateText
{
    private readonly Segment[] _segments;

    private TemplateText(string source, Segment[] segments)
    {
        Source = source;
        _segments = segments;
    }

    /// <summary>Gets the text as written.</summary>
    public string Source { get; }

    /// <summary>Gets the model keys the text refers to.</summary>
    public IEnumerable<string> Keys => _segments.Where(s => s.Key is not null).Select(s => s.Key!);

    /// <summary>Parses <paramref name="source"/>; throws on an unclosed or empty placeholder.</summary>
    public static TemplateText Parse(string source)
    {
        var segments = new List<Segment>();
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf('{', i);
            if (open < 0)
            {
                segments.Add(new Segment(source[i..], null, null));
                break;
            }

            if (open > i)
            {
                segments.Add(new Segment(source[i..open], null, null));
            }

            var close = source.IndexOf('}', open);
            if (close < 0 || close == open + 1)
            {
                throw new FormatException($"Template text has a bad placeholder at {open}: {source}");
            }

            var inner = source[(open + 1)..close];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            segments.Add(colon < 0 ? new Segment(null, inner, null) : new Segment(null, inner[..colon], inner[(colon + 1)..]));
            i = close + 1;
        }

        return new TemplateText(source, [.. segments]);
    }

    /// <summary>Appends the text with values formatted by <paramref name="format"/>; missing values are added to <paramref name="problems"/>.</summary>
    public void Render(StringBuilder output, ValueFormatter format, bool html, List<string> problems)
    {
        foreach (var s in _segments)
        {
            if (s.Literal is not null)
            {
                if (html)
                {
                    HtmlText.Append(output, s.Literal);
                }
                else
                {
                    output.Append(s.Literal);
                }

                continue;
            }

            format.Append(output, s.Key!, s.Format, html, problems);
        }
    }

    private sealed record Segment(string? Literal, string? Key, string? Format);
}
