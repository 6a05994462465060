using System.Globalization;
using System.Text;

namespace Dispatch.Mail.Templates;

/// <summary>
/// Turns model values (invariant strings) into text for one language. A value that is missing or does not parse
/// as its format is a problem, never a blank.
/// </summary>
internal sealed class ValueFormatter(IReadOnlyDictionary<string, string> model, string recipientName, NoticeLanguage language)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Appends the formatted value of <paramref name="key"/>.</summary>
    public void Append(StringBuilder output, string key, string? format, bool html, List<string> problems)
    {
        string? raw;
        if (key == "recipientName")
        {
            raw = recipientName;
        }
        else if (!model.TryGetValue(key, out raw) || string.IsNullOrWhiteSpace(raw))
        {
            AddOnce(problems, $"missing model value '{key}'");
            return;
        }

        var text = Format(raw, format);
        if (text is null)
        {
            AddOnce(problems, $"model value '{key}' = '{raw}' is not a valid {format}");
            return;
        }

        if (html)
        {
            HtmlText.Append(output, text);
        }
        else
        {
            output.Append(text);
        }
    }

    private static void AddOnce(List<string> problems, string problem)
    {
        if (!problems.Contains(problem))
        {
            problems.Add(problem);
        }
    }

    private string? Format(string raw, string? format)
    {
        var zh = language == NoticeLanguage.ZhCn;
        switch (format)
        {
            case null:
                return raw;
            case "lines":
                return raw.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
            case "date":
                return DateOnly.TryParseExact(raw, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d)
                    ? (zh ? d.ToString("yyyy'年'M'月'd'日'", Invariant) : d.ToString("d MMMM yyyy", Invariant))
                    : null;
            case "datetime":
                if (!DateTimeOffset.TryParseExact(raw, "yyyy-MM-dd'T'HH:mm:sszzz", Invariant, DateTimeStyles.None, out var dt))
                {
                    return null;
                }

                var local = dt.ToOffset(Beijing);
                return zh ? local.ToString("yyyy'年'M'月'd'日' HH:mm'（北京时间）'", Invariant) : local.ToString("d MMMM yyyy, HH:mm '(Beijing time)'", Invariant);
            case "month":
                return DateOnly.TryParseExact(raw + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var m)
                    ? (zh ? m.ToString("yyyy'年'M'月'", Invariant) : m.ToString("MMMM yyyy", Invariant))
                    : null;
            case "int":
                return long.TryParse(raw, NumberStyles.AllowLeadingSign, Invariant, out var n) ? n.ToString(Invariant) : null;
            case "number":
                return decimal.TryParse(raw, NumberStyles.Number, Invariant, out var x) ? x.ToString("0.##", Invariant) : null;
            case "yuan":
                return decimal.TryParse(raw, NumberStyles.Number, Invariant, out var y)
                    ? (zh ? y.ToString("#,0.##", Invariant) + "元" : "CNY " + y.ToString("#,0.##", Invariant))
                    : null;
            case "grade":
                return (raw, zh) switch
                {
                    ("EXCELLENT", true) => "优秀",
                    ("COMPETENT", true) => "称职",
                    ("BASICALLY_COMPETENT", true) => "基本称职",
                    ("INCOMPETENT", true) => "不称职",
                    ("PASS", true) => "合格",
                    ("BASIC_PASS", true) => "基本合格",
                    ("FAIL", true) => "不合格",
                    ("EXCELLENT", false) => "Excellent",
                    ("COMPETENT", false) => "Competent",
                    ("BASICALLY_COMPETENT", false) => "Basically competent",
                    ("INCOMPETENT", false) => "Incompetent",
                    ("PASS", false) => "Pass",
                    ("BASIC_PASS", false) => "Basic pass",
                    ("FAIL", false) => "Fail",
                    _ => null,
                };
            case "reviewKind":
                return (raw, zh) switch
                {
                    ("annual", true) => "年度考核",
                    ("termEnd", true) => "期满考核",
                    ("annual", false) => "annual review",
                    ("termEnd", false) => "end-of-term review",
                    _ => null,
                };
            case "reviewerRole":
                return (raw, zh) switch
                {
                    ("orgDepartment", true) => "县委组织部",
                    ("township", true) => "乡镇党委",
                    ("unit", true) => "派出单位",
                    ("villagers", true) => "村民代表",
                    ("orgDepartment", false) => "organization department",
                    ("township", false) => "township party committee",
                    ("unit", false) => "dispatching unit",
                    ("villagers", false) => "villagers' representatives",
                    _ => null,
                };
            default:
                return null;
        }
    }
}
