using System.ComponentModel.DataAnnotations;

namespace Dispatch.Workflow.Policy;

/// <summary>
/// The county's policy (<c>Dispatch:Policy</c>), validated at start-up. National rules are the defaults;
/// local rules from domain.md are settings. Every property documents its default in its <c>value</c> tag.
/// </summary>
public sealed class WorkflowPolicy
{
    /// <summary>The configuration section the policy binds from.</summary>
    public const string SectionName = "Dispatch:Policy";

    /// <summary>Gets or sets the minimum whole years of work a candidate needs.</summary>
    /// <value>2 (national, domain.md R1.12).</value>
    [Range(0, 40)]
    public int MinWorkYears { get; set; } = 2;

    /// <summary>Gets or sets the oldest age, in whole years on the round's start day, a candidate may have.</summary>
    /// <value>45 (local example, R1.15/R1.16).</value>
    [Range(18, 70)]
    public int MaxAge { get; set; } = 45;

    /// <summary>Gets or sets a value indicating whether a candidate must be health-fit (R1.12).</summary>
    /// <value>true.</value>
    public bool HealthFitRequired { get; set; } = true;

    /// <summary>Gets or sets the term length in months for rounds that do not give one.</summary>
    /// <value>24 (national ≥ 2 years, R2.3).</value>
    [Range(12, 72)]
    public int TermMonths { get; set; } = 24;

    /// <summary>Gets or sets the days after arrival within which the handover meeting must be held.</summary>
    /// <value>14.</value>
    [Range(1, 60)]
    public int HandoverWithinDays { get; set; } = 14;

    /// <summary>Gets or sets the days HR may take over a proposal before a reminder.</summary>
    /// <value>3.</value>
    [Range(1, 60)]
    public int SelectionReminderDays { get; set; } = 3;

    /// <summary>Gets or sets the days after a proposal before the manager is told HR has not decided.</summary>
    /// <value>7.</value>
    [Range(1, 90)]
    public int SelectionEscalationDays { get; set; } = 7;

    /// <summary>Gets or sets the days before a reminder on a handover wait (confirmation, list, acceptance).</summary>
    /// <value>3.</value>
    [Range(1, 60)]
    public int HandoverReminderDays { get; set; } = 3;

    /// <summary>Gets or sets the days before a handover wait is escalated to the township manager.</summary>
    /// <value>7.</value>
    [Range(1, 90)]
    public int HandoverEscalationDays { get; set; } = 7;

    /// <summary>Gets or sets the day of the month check-ins are requested (1–28 so every month has it).</summary>
    /// <value>1.</value>
    [Range(1, 28)]
    public int CheckInDayOfMonth { get; set; } = 1;

    /// <summary>Gets or sets the days after a check-in request before a reminder.</summary>
    /// <value>3.</value>
    [Range(1, 27)]
    public int CheckInReminderDays { get; set; } = 3;

    /// <summary>Gets or sets the days after a check-in request before escalation to the township manager.</summary>
    /// <value>7.</value>
    [Range(1, 27)]
    public int CheckInEscalationDays { get; set; } = 7;

    /// <summary>Gets or sets the minimum days in the village per month; months below are flagged (R2.11).</summary>
    /// <value>20 (local example, Guangxi, domain.md §2.3).</value>
    [Range(0, 31)]
    public int MinDaysInVillage { get; set; } = 20;

    /// <summary>Gets or sets the months between reviews; a review also closes every term.</summary>
    /// <value>12.</value>
    [Range(1, 72)]
    public int ReviewIntervalMonths { get; set; } = 12;

    /// <summary>Gets or sets the days a review form stays open.</summary>
    /// <value>14.</value>
    [Range(1, 90)]
    public int ReviewDeadlineDays { get; set; } = 14;

    /// <summary>Gets or sets the days after a review request before a reminder to whoever has not answered.</summary>
    /// <value>7.</value>
    [Range(1, 90)]
    public int ReviewReminderDays { get; set; } = 7;

    /// <summary>Gets or sets the days HR may take over the after-term decision before a reminder.</summary>
    /// <value>3.</value>
    [Range(1, 60)]
    public int DecisionReminderDays { get; set; } = 3;

    /// <summary>Gets or sets the days before an after-term decision is escalated to the manager.</summary>
    /// <value>7.</value>
    [Range(1, 90)]
    public int DecisionEscalationDays { get; set; } = 7;

    /// <summary>Gets or sets the weight of the organization department's score.</summary>
    /// <value>40.</value>
    [Range(0, 100)]
    public int OrgDepartmentWeight { get; set; } = 40;

    /// <summary>Gets or sets the weight of the township party committee's score.</summary>
    /// <value>30.</value>
    [Range(0, 100)]
    public int TownshipWeight { get; set; } = 30;

    /// <summary>Gets or sets the weight of the dispatching unit's score.</summary>
    /// <value>30.</value>
    [Range(0, 100)]
    public int UnitWeight { get; set; } = 30;

    /// <summary>Gets or sets the weight of the optional villagers' evaluation; 0 leaves it out.</summary>
    /// <value>0.</value>
    [Range(0, 100)]
    public int VillagersWeight { get; set; }

    /// <summary>Gets or sets the lowest weighted score (0–100) graded 优秀.</summary>
    /// <value>90.</value>
    [Range(0, 100)]
    public double ExcellentThreshold { get; set; } = 90;

    /// <summary>Gets or sets the lowest weighted score graded 称职.</summary>
    /// <value>75.</value>
    [Range(0, 100)]
    public double CompetentThreshold { get; set; } = 75;

    /// <summary>Gets or sets the lowest weighted score graded 基本称职; below it is 不称职.</summary>
    /// <value>60.</value>
    [Range(0, 100)]
    public double BasicallyCompetentThreshold { get; set; } = 60;

    /// <summary>Gets or sets the attendance failures (low months plus missed check-ins) in a review period that rule out 优秀.</summary>
    /// <value>1 (local rule, Guangxi, R2.14).</value>
    [Range(1, 100)]
    public int NoExcellentAtAbsences { get; set; } = 1;

    /// <summary>Gets or sets the attendance failures that cap the grade at 基本称职.</summary>
    /// <value>2 (R2.14).</value>
    [Range(1, 100)]
    public int BasicallyCompetentAtAbsences { get; set; } = 2;

    /// <summary>Gets or sets the attendance failures that make the grade 不称职.</summary>
    /// <value>3 (R2.14).</value>
    [Range(1, 100)]
    public int IncompetentAtAbsences { get; set; } = 3;

    /// <summary>Gets or sets the points per village need matched by a cadre's skill.</summary>
    /// <value>10.</value>
    [Range(0, 1000)]
    public int SkillMatchPoints { get; set; } = 10;

    /// <summary>Gets or sets the points per year of rural experience.</summary>
    /// <value>2.</value>
    [Range(0, 1000)]
    public int RuralExperiencePointsPerYear { get; set; } = 2;

    /// <summary>Gets or sets the cap on rural-experience points.</summary>
    /// <value>10.</value>
    [Range(0, 1000)]
    public int RuralExperienceMaxPoints { get; set; } = 10;

    /// <summary>Gets or sets the unit-resources points of a city-level unit.</summary>
    /// <value>6.</value>
    [Range(0, 1000)]
    public int CityUnitPoints { get; set; } = 6;

    /// <summary>Gets or sets the unit-resources points of a county-level unit.</summary>
    /// <value>4.</value>
    [Range(0, 1000)]
    public int CountyUnitPoints { get; set; } = 4;

    /// <summary>Gets or sets the unit-resources points of a township-level unit.</summary>
    /// <value>2.</value>
    [Range(0, 1000)]
    public int TownshipUnitPoints { get; set; } = 2;

    /// <summary>Gets or sets the extra points when the unit's sector matches a village need.</summary>
    /// <value>5.</value>
    [Range(0, 1000)]
    public int SectorMatchPoints { get; set; } = 5;

    /// <summary>Gets or sets the points for each past 优秀 grade.</summary>
    /// <value>8.</value>
    [Range(-1000, 1000)]
    public int ExcellentGradePoints { get; set; } = 8;

    /// <summary>Gets or sets the points for each past 称职 grade.</summary>
    /// <value>3.</value>
    [Range(-1000, 1000)]
    public int CompetentGradePoints { get; set; } = 3;

    /// <summary>Gets or sets the points for each past 基本称职 grade.</summary>
    /// <value>-3.</value>
    [Range(-1000, 1000)]
    public int BasicallyCompetentGradePoints { get; set; } = -3;

    /// <summary>Gets or sets the points for each past 不称职 grade.</summary>
    /// <value>-15.</value>
    [Range(-1000, 1000)]
    public int IncompetentGradePoints { get; set; } = -15;

    /// <summary>Gets or sets the points a proposal loses per overridable warning, so the matcher avoids them.</summary>
    /// <value>20.</value>
    [Range(0, 1000)]
    public int WarningPenalty { get; set; } = 20;

    /// <summary>Gets or sets the organization department's HR mailbox (proposals, decisions, reminders).</summary>
    /// <value><c>hr@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string HrEmail { get; set; } = "hr@dispatch.local";

    /// <summary>Gets or sets the manager escalations from HR go to.</summary>
    /// <value><c>manager@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string ManagerEmail { get; set; } = "manager@dispatch.local";

    /// <summary>Gets or sets the organization department's scorer address for reviews.</summary>
    /// <value><c>orgdept@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string OrgDepartmentEmail { get; set; } = "orgdept@dispatch.local";

    /// <summary>Gets or sets the township contact for townships not listed in <see cref="Townships"/>.</summary>
    /// <value><c>township@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string DefaultTownshipEmail { get; set; } = "township@dispatch.local";

    /// <summary>Gets or sets the township manager for townships not listed in <see cref="Townships"/>.</summary>
    /// <value><c>township-manager@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string DefaultTownshipManagerEmail { get; set; } = "township-manager@dispatch.local";

    /// <summary>Gets or sets the dispatching-unit contact for units without one of their own.</summary>
    /// <value><c>unit@dispatch.local</c>.</value>
    [Required]
    [EmailAddress]
    public string DefaultUnitEmail { get; set; } = "unit@dispatch.local";

    /// <summary>Gets the contacts of each township (party committee and manager) by township name.</summary>
    /// <value>Empty: every township uses the defaults.</value>
    public Dictionary<string, TownshipContact> Townships { get; } = new(StringComparer.Ordinal);

    /// <summary>Returns the township party committee's contact address.</summary>
    public string TownshipEmail(string township) =>
        Townships.TryGetValue(township, out var c) && !string.IsNullOrEmpty(c.Email) ? c.Email : DefaultTownshipEmail;

    /// <summary>Returns the township manager's address (check-in and handover escalations).</summary>
    public string TownshipManagerEmail(string township) =>
        Townships.TryGetValue(township, out var c) && !string.IsNullOrEmpty(c.ManagerEmail) ? c.ManagerEmail : DefaultTownshipManagerEmail;
}
