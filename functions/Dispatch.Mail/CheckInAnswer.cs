namespace Dispatch.Mail;

/// <summary>
/// A monthly check-in answer (月度报告), as read from an email reply or posted from the web form.
/// Counts are whole numbers; funds are in yuan.
/// </summary>
public sealed record CheckInAnswer
{
    /// <summary>The largest number of days a month can have.</summary>
    public const int MaxDaysInMonth = 31;

    /// <summary>Gets the days spent in the village this month (驻村天数).</summary>
    public required int DaysInVillage { get; init; }

    /// <summary>Gets the households visited (入户走访户数).</summary>
    public required int HouseholdsVisited { get; init; }

    /// <summary>Gets the villagers' problems solved (解决问题数).</summary>
    public required int ProblemsSolved { get; init; }

    /// <summary>Gets the funds secured, in yuan (争取资金（元）).</summary>
    public required decimal FundsSecuredYuan { get; init; }

    /// <summary>Gets the projects advanced (推进项目数).</summary>
    public required int ProjectsAdvanced { get; init; }

    /// <summary>Gets the highlights of the month (工作亮点), free text, possibly empty.</summary>
    public required string Highlights { get; init; }

    /// <summary>Gets the help needed (需要的帮助), free text, possibly empty.</summary>
    public required string HelpNeeded { get; init; }

    /// <summary>Gets the days of leave this month (请假天数).</summary>
    public required int LeaveDays { get; init; }

    /// <summary>Returns the field errors (field name from <see cref="CheckInFields"/> → English message); empty when valid.</summary>
    public IReadOnlyDictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        Range(errors, CheckInFields.DaysInVillage, DaysInVillage, MaxDaysInMonth);
        Range(errors, CheckInFields.LeaveDays, LeaveDays, MaxDaysInMonth);
        Range(errors, CheckInFields.HouseholdsVisited, HouseholdsVisited, 100_000);
        Range(errors, CheckInFields.ProblemsSolved, ProblemsSolved, 100_000);
        Range(errors, CheckInFields.ProjectsAdvanced, ProjectsAdvanced, 10_000);
        if (FundsSecuredYuan is < 0 or > 100_000_000_000m)
        {
            errors[CheckInFields.FundsSecuredYuan] = $"Funds secured {FundsSecuredYuan} must be between 0 and 100,000,000,000 yuan.";
        }

        if (!errors.ContainsKey(CheckInFields.DaysInVillage) && !errors.ContainsKey(CheckInFields.LeaveDays) && DaysInVillage + LeaveDays > MaxDaysInMonth)
        {
            errors[CheckInFields.LeaveDays] = $"Days in the village ({DaysInVillage}) and leave days ({LeaveDays}) add up to more than {MaxDaysInMonth}.";
        }

        if (Highlights is { Length: > 4000 })
        {
            errors[CheckInFields.Highlights] = "Highlights are longer than 4,000 characters.";
        }

        if (HelpNeeded is { Length: > 4000 })
        {
            errors[CheckInFields.HelpNeeded] = "Help needed is longer than 4,000 characters.";
        }

        return errors;
    }

    private static void Range(Dictionary<string, string> errors, string field, int value, int max)
    {
        if (value < 0 || value > max)
        {
            errors[field] = $"{field} {value} must be between 0 and {max}.";
        }
    }
}
