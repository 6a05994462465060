using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// Reads check-in answers from the text of an email reply: lines such as <c>驻村天数: 22</c>, <c>驻村天数：２２天</c>,
/// <c>走访户数 二十二户</c>, <c>days in village = 22</c>, <c>Funds secured (yuan): 3.5万</c>. Full-width characters
/// are folded (NFKC), Chinese numerals and 万/千 multipliers are read, quoted history and signatures are skipped.
/// The five counts are required; highlights and help needed may be left out.
/// </summary>
public static partial class CheckInReplyParser
{
    private static readonly (string Field, string[] Labels)[] FieldLabels =
    [
        (CheckInFields.DaysInVillage, ["驻村天数", "在村天数", "驻村日数", "驻村时间", "本月驻村", "驻村", "days in village", "days in the village", "days in-village", "village days", "days on site", "days present", "days"]),
        (CheckInFields.HouseholdsVisited, ["走访户数", "走访农户", "入户走访", "走访群众", "走访", "入户", "households visited", "household visits", "visited households", "home visits", "households", "visits"]),
        (CheckInFields.ProblemsSolved, ["解决问题数", "解决问题", "解决实事", "办实事", "问题", "problems solved", "issues resolved", "issues solved", "problems", "issues"]),
        (CheckInFields.FundsSecuredYuan, ["争取资金", "筹集资金", "资金", "funds secured", "funding secured", "money raised", "funds", "funding"]),
        (CheckInFields.ProjectsAdvanced, ["推进项目数", "推进项目", "项目推进", "项目", "projects advanced", "projects", "project"]),
        (CheckInFields.Highlights, ["工作亮点", "亮点", "主要工作", "highlights", "highlight", "achievements"]),
        (CheckInFields.HelpNeeded, ["需要帮助", "需要的帮助", "需协调解决", "困难和问题", "困难", "help needed", "need help", "support needed", "help", "needs"]),
        (CheckInFields.LeaveDays, ["请假天数", "休假天数", "请假", "休假", "leave days", "days of leave", "days on leave", "days off", "leave"]),
    ];

    private static readonly (string Field, string Label)[] LabelsLongestFirst =
        [.. FieldLabels.SelectMany(f => f.Labels.Select(l => (f.Field, Label: l))).OrderByDescending(p => p.Label.Length)];

    private static readonly HashSet<string> TextFields = [CheckInFields.Highlights, CheckInFields.HelpNeeded];

    /// <summary>Parses a plain-text reply (quotes and signatures included; they are skipped).</summary>
    public static CheckInParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var lines = ReplyText.Extract(normalized, l => Match(l) is not null);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        string? openText = null;
        foreach (var line in lines.SelectMany(SplitAnswers))
        {
            var m = Match(line);
            if (m is null)
            {
                if (openText is not null && line.Length > 0)
                {
                    values[openText] = values[openText].Length == 0 ? line : values[openText] + "\n" + line;
                }
                else if (line.Length == 0)
                {
                    openText = null;
                }

                continue;
            }

            var (field, raw) = m.Value;
            openText = null;
            if (values.ContainsKey(field) || problems.ContainsKey(field))
            {
                continue;
            }

            if (TextFields.Contains(field))
            {
                values[field] = raw.Trim();
                openText = field;
                continue;
            }

            var number = ReadNumber(raw, field == CheckInFields.FundsSecuredYuan);
            if (number is null)
            {
                if (raw.Trim().Length > 0)
                {
                    problems[field] = $"'{Shorten(raw)}' is not a number";
                }

                continue;
            }

            if (field != CheckInFields.FundsSecuredYuan && number != decimal.Truncate(number.Value))
            {
                problems[field] = $"'{Shorten(raw)}' is not a whole number";
                continue;
            }

            values[field] = number.Value.ToString(CultureInfo.InvariantCulture);
        }

        foreach (var field in CheckInFields.All)
        {
            if (!values.ContainsKey(field) && !problems.ContainsKey(field) && !TextFields.Contains(field))
            {
                problems[field] = "missing";
            }
        }

        if (problems.Count > 0)
        {
            return new CheckInParseResult(null, values, problems);
        }

        var answer = new CheckInAnswer
        {
            DaysInVillage = Int(values, CheckInFields.DaysInVillage, problems),
            HouseholdsVisited = Int(values, CheckInFields.HouseholdsVisited, problems),
            ProblemsSolved = Int(values, CheckInFields.ProblemsSolved, problems),
            FundsSecuredYuan = decimal.Parse(values[CheckInFields.FundsSecuredYuan], CultureInfo.InvariantCulture),
            ProjectsAdvanced = Int(values, CheckInFields.ProjectsAdvanced, problems),
            Highlights = TextValue(values.GetValueOrDefault(CheckInFields.Highlights)),
            HelpNeeded = TextValue(values.GetValueOrDefault(CheckInFields.HelpNeeded)),
            LeaveDays = Int(values, CheckInFields.LeaveDays, problems),
        };
        foreach (var (field, error) in answer.Validate())
        {
            problems[field] = error;
        }

        return problems.Count > 0 ? new CheckInParseResult(null, values, problems) : new CheckInParseResult(answer, values, problems);
    }

    /// <summary>Reads a number such as <c>22</c>, <c>22天</c>, <c>二十二</c>, <c>3.5万元</c>, <c>¥12,000</c>, <c>twenty-two</c>, <c>无</c>.</summary>
    internal static decimal? ReadNumber(string raw, bool money)
    {
        var s = raw.Trim().TrimEnd('.', '。', ',', ';', '!', ' ').ToLowerInvariant();
        s = Approx().Replace(s, string.Empty).Trim();
        if (s.Length == 0)
        {
            return null;
        }

        if (s is "无" or "没有" or "暂无" or "none" or "no" or "nil" or "n/a" or "na" or "-" or "—" or "零")
        {
            return 0;
        }

        if (ChineseNumber.ParseWords(Units().Replace(s, string.Empty)) is { } word)
        {
            return word;
        }

        var m = NumberToken().Match(s);
        if (!m.Success)
        {
            return null;
        }

        decimal value;
        if (m.Groups["arabic"].Success)
        {
            var digits = m.Groups["arabic"].Value.Replace(",", string.Empty, StringComparison.Ordinal);
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
            {
                return null;
            }
        }
        else if (ChineseNumber.Parse(m.Groups["chinese"].Value) is { } cn)
        {
            value = cn;
        }
        else
        {
            return null;
        }

        var rest = s[(m.Index + m.Length)..].TrimStart();
        if (m.Groups["arabic"].Success && rest.StartsWith('万'))
        {
            value *= 10_000;
            rest = rest[1..];
        }
        else if (m.Groups["arabic"].Success && (rest.StartsWith('千') || (money && rest.StartsWith('k'))))
        {
            value *= 1_000;
            rest = rest[1..];
        }
        else if (money && rest.StartsWith("million", StringComparison.Ordinal))
        {
            value *= 1_000_000;
            rest = rest["million".Length..];
        }

        if (NumberToken().IsMatch(rest) && !rest.TrimStart().StartsWith('(') && !rest.Contains('(', StringComparison.Ordinal))
        {
            // Two numbers ("20 or 21", "20-22"): ambiguous, ask for the form.
            return null;
        }

        return value;
    }

    /// <summary>Splits "驻村天数22天；走访户数15户" into one answer a line when every piece is an answer.</summary>
    private static IEnumerable<string> SplitAnswers(string line)
    {
        var pieces = line.Split([';', '；', '，', ',', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return pieces.Length > 1 && pieces.All(p => Match(p) is not null) ? pieces : [line];
    }

    private static (string Field, string Value)? Match(string line)
    {
        var s = Bullet().Replace(line, string.Empty).TrimStart();
        if (s.Length == 0)
        {
            return null;
        }

        foreach (var (field, label) in LabelsLongestFirst)
        {
            if (!s.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var rest = s[label.Length..];
            if (label.All(char.IsAsciiLetter) && rest.Length > 0 && char.IsAsciiLetter(rest[0]))
            {
                continue;
            }

            rest = Parenthetical().Replace(rest, string.Empty, 1);
            var sep = Separator().Match(rest);
            if (sep.Success)
            {
                return (field, rest[sep.Length..]);
            }

            var trimmed = rest.TrimStart();
            var numeric = !TextFields.Contains(field);
            if (!numeric && trimmed.Length > 0 && trimmed.Length < rest.Length && !label.All(char.IsAsciiLetter))
            {
                return (field, trimmed);
            }

            if (numeric && trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || ChineseNumber.IsNumeral(trimmed[0])) && ReadNumber(trimmed, field == CheckInFields.FundsSecuredYuan) is not null)
            {
                return (field, trimmed);
            }
        }

        return null;
    }

    private static int Int(Dictionary<string, string> values, string field, Dictionary<string, string> problems)
    {
        var v = decimal.Parse(values[field], CultureInfo.InvariantCulture);
        if (v > int.MaxValue)
        {
            problems[field] = $"{v} is too large";
            return 0;
        }

        return (int)v;
    }

    private static string TextValue(string? value) => value is null || value is "无" or "none" or "n/a" or "-" ? value ?? string.Empty : value;

    private static string Shorten(string raw) => raw.Length > 40 ? raw[..40] + "…" : raw.Trim();

    [GeneratedRegex(@"^\s*(?:[-*•·]+|\d{1,2}\s*[.)、]|[(]\d{1,2}[)]|[一二三四五六七八九十]{1,2}\s*[、.])\s*", RegexOptions.None, 1000)]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^\s*\([^)]{0,20}\)", RegexOptions.None, 1000)]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"^\s*(?:[:=]|为|是|共计|共|计)\s*[:=]?\s*", RegexOptions.None, 1000)]
    private static partial Regex Separator();

    [GeneratedRegex(@"(?<arabic>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)|(?<chinese>[零〇一二两三四五六七八九十百千万亿点]+)", RegexOptions.None, 1000)]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"^(约|大约|大概|近|共|计|about|approx\.?|approximately|around|~|rmb|cny|¥|￥)\s*", RegexOptions.None, 1000)]
    private static partial Regex Approx();

    [GeneratedRegex(@"\s*(天|户|个|件|项|元|days?|households?|yuan)\s*$", RegexOptions.None, 1000)]
    private static partial Regex Units();
}
