namespace Dispatch.Mail;

/// <summary>The check-in field names (camelCase, as in forms and JSON) and their labels.</summary>
public static class CheckInFields
{
    /// <summary>Days in the village.</summary>
    public const string DaysInVillage = "daysInVillage";

    /// <summary>Households visited.</summary>
    public const string HouseholdsVisited = "householdsVisited";

    /// <summary>Problems solved.</summary>
    public const string ProblemsSolved = "problemsSolved";

    /// <summary>Funds secured in yuan.</summary>
    public const string FundsSecuredYuan = "fundsSecuredYuan";

    /// <summary>Projects advanced.</summary>
    public const string ProjectsAdvanced = "projectsAdvanced";

    /// <summary>Highlights.</summary>
    public const string Highlights = "highlights";

    /// <summary>Help needed.</summary>
    public const string HelpNeeded = "helpNeeded";

    /// <summary>Leave days.</summary>
    public const string LeaveDays = "leaveDays";

    /// <summary>Every field in the order forms and emails show them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DaysInVillage, HouseholdsVisited, ProblemsSolved, FundsSecuredYuan, ProjectsAdvanced, Highlights, HelpNeeded, LeaveDays];

    /// <summary>Returns the label of <paramref name="field"/> in <paramref name="language"/>, e.g. 驻村天数 / Days in village.</summary>
    public static string Label(string field, NoticeLanguage language) => (field, language) switch
    {
        (DaysInVillage, NoticeLanguage.ZhCn) => "驻村天数",
        (HouseholdsVisited, NoticeLanguage.ZhCn) => "走访户数",
        (ProblemsSolved, NoticeLanguage.ZhCn) => "解决问题数",
        (FundsSecuredYuan, NoticeLanguage.ZhCn) => "争取资金（元）",
        (ProjectsAdvanced, NoticeLanguage.ZhCn) => "推进项目数",
        (Highlights, NoticeLanguage.ZhCn) => "工作亮点",
        (HelpNeeded, NoticeLanguage.ZhCn) => "需要帮助",
        (LeaveDays, NoticeLanguage.ZhCn) => "请假天数",
        (DaysInVillage, _) => "Days in village",
        (HouseholdsVisited, _) => "Households visited",
        (ProblemsSolved, _) => "Problems solved",
        (FundsSecuredYuan, _) => "Funds secured (yuan)",
        (ProjectsAdvanced, _) => "Projects advanced",
        (Highlights, _) => "Highlights",
        (HelpNeeded, _) => "Help needed",
        (LeaveDays, _) => "Leave days",
        _ => throw new ArgumentException($"Unknown check-in field '{field}'.", nameof(field)),
    };
}
