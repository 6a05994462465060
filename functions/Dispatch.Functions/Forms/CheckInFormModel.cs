using System.Globalization;
using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>Reads a posted check-in form tolerantly (full-width digits, thousands separators, 万) and validates it.</summary>
internal static class CheckInFormModel
{
    private static readonly string[] NumberFields =
    [
        CheckInFields.DaysInVillage, CheckInFields.HouseholdsVisited, CheckInFields.ProblemsSolved,
        CheckInFields.ProjectsAdvanced, CheckInFields.LeaveDays,
    ];

    /// <summary>Parses <paramref name="form"/>; returns the answer, or null with the error of each bad field.</summary>
    public static CheckInAnswer? Parse(IFormCollection form, NoticeLanguage language, out Dictionary<string, string> errors, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values = CheckInFields.All.ToDictionary(f => f, f => form[f].ToString().Trim(), StringComparer.Ordinal);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in NumberFields)
        {
            var text = Normalize(values[field]);
            if (text.Length == 0)
            {
                errors[field] = FormText.Get("error.required", language);
            }
            else if (!int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
            {
                errors[field] = FormText.Get("error.integer", language);
            }
            else
            {
                numbers[field] = number;
            }
        }

        decimal funds = 0;
        var fundsText = Normalize(values[CheckInFields.FundsSecuredYuan]);
        if (fundsText.Length > 0 && !TryParseYuan(fundsText, out funds))
        {
            errors[CheckInFields.FundsSecuredYuan] = FormText.Get("error.amount", language);
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var answer = new CheckInAnswer
        {
            DaysInVillage = numbers[CheckInFields.DaysInVillage],
            HouseholdsVisited = numbers[CheckInFields.HouseholdsVisited],
            ProblemsSolved = numbers[CheckInFields.ProblemsSolved],
            FundsSecuredYuan = funds,
            ProjectsAdvanced = numbers[CheckInFields.ProjectsAdvanced],
            Highlights = values[CheckInFields.Highlights],
            HelpNeeded = values[CheckInFields.HelpNeeded],
            LeaveDays = numbers[CheckInFields.LeaveDays],
        };
        foreach (var (field, _) in answer.Validate())
        {
            errors[field] = FormText.Get(RangeKey(field), language);
        }

        return errors.Count == 0 ? answer : null;
    }

    /// <summary>The values shown in the form for a known answer.</summary>
    public static Dictionary<string, string> ValuesOf(CheckInAnswer? answer) =>
        answer is null
            ? CheckInFields.All.ToDictionary(f => f, _ => string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [CheckInFields.DaysInVillage] = answer.DaysInVillage.ToString(CultureInfo.InvariantCulture),
                [CheckInFields.HouseholdsVisited] = answer.HouseholdsVisited.ToString(CultureInfo.InvariantCulture),
                [CheckInFields.ProblemsSolved] = answer.ProblemsSolved.ToString(CultureInfo.InvariantCulture),
                [CheckInFields.FundsSecuredYuan] = answer.FundsSecuredYuan.ToString("0.##", CultureInfo.InvariantCulture),
                [CheckInFields.ProjectsAdvanced] = answer.ProjectsAdvanced.ToString(CultureInfo.InvariantCulture),
                [CheckInFields.Highlights] = answer.Highlights,
                [CheckInFields.HelpNeeded] = answer.HelpNeeded,
                [CheckInFields.LeaveDays] = answer.LeaveDays.ToString(CultureInfo.InvariantCulture),
            };

    private static string RangeKey(string field) => field switch
    {
        CheckInFields.DaysInVillage or CheckInFields.LeaveDays => "error.range.days",
        CheckInFields.FundsSecuredYuan => "error.range.funds",
        CheckInFields.Highlights or CheckInFields.HelpNeeded => "error.length",
        _ => "error.range.count",
    };

    // Phones often type full-width digits and punctuation; fold them to ASCII.
    internal static string Normalize(string text)
    {
        var chars = text.Trim().ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (chars[i] is >= '\uFF01' and <= '\uFF5E')
            {
                chars[i] = (char)(chars[i] - 0xFEE0);
            }
        }

        return new string(chars).Replace("，", ",", StringComparison.Ordinal).Replace("元", string.Empty, StringComparison.Ordinal).Trim();
    }

    private static bool TryParseYuan(string text, out decimal yuan)
    {
        var factor = 1m;
        if (text.EndsWith('万'))
        {
            factor = 10_000m;
            text = text[..^1].Trim();
        }

        var ok = decimal.TryParse(text, NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value);
        yuan = value * factor;
        return ok;
    }
}
