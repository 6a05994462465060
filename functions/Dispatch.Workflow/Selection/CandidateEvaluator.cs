using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;

namespace Dispatch.Workflow.Selection;

/// <summary>
/// Applies the selection rules: hard rules (party member, work years, age and health from policy, not
/// taken elsewhere), overridable warnings (home township 回避, unit regulates the village, repeat
/// posting) and the score (need–skill match, rural experience, unit resources, past grades).
/// </summary>
public sealed class CandidateEvaluator
{
    private readonly WorkflowPolicy _policy;
    private readonly SelectionFacts _facts;

    /// <summary>Creates an evaluator for one round's facts.</summary>
    public CandidateEvaluator(WorkflowPolicy policy, SelectionFacts facts)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(facts);
        _policy = policy;
        _facts = facts;
    }

    /// <summary>Evaluates <paramref name="cadre"/> for <paramref name="village"/>, with every reason.</summary>
    /// <param name="village">The village.</param>
    /// <param name="cadre">The candidate.</param>
    /// <param name="forAssignmentId">The assignment deciding; a cadre it already holds is not "taken".</param>
    public CandidateEvaluation Evaluate(Village village, Cadre cadre, string? forAssignmentId = null)
    {
        ArgumentNullException.ThrowIfNull(village);
        ArgumentNullException.ThrowIfNull(cadre);
        var failures = new List<SelectionIssue>();
        var warnings = new List<SelectionIssue>();
        var parts = new List<ScorePart>();
        HardRules(cadre, forAssignmentId, failures);
        Warnings(village, cadre, warnings);
        Score(village, cadre, parts);
        if (warnings.Count > 0 && _policy.WarningPenalty > 0)
        {
            parts.Add(new ScorePart("warnings", -_policy.WarningPenalty * warnings.Count, $"{warnings.Count} warning(s) that HR would have to override"));
        }

        return new CandidateEvaluation { CadreId = cadre.Id, VillageId = village.Id, Failures = failures, Warnings = warnings, Parts = parts };
    }

    /// <summary>Returns the matcher weight (score less warning penalties) of an eligible pair, without allocating reasons.</summary>
    internal int MatchWeight(Village village, Cadre cadre, IReadOnlySet<string>? skills = null)
    {
        var score = 0;
        var warnings = 0;
        skills ??= cadre.Skills.ToHashSet(StringComparer.Ordinal);
        foreach (var need in village.Needs)
        {
            if (skills.Contains(need))
            {
                score += _policy.SkillMatchPoints;
            }
        }

        score += RuralPoints(cadre);
        score += UnitPoints(village, cadre, out _);
        score += GradePoints(cadre, out _);
        if (IsHomeTownship(village, cadre))
        {
            warnings++;
        }

        if (UnitRegulates(village, cadre))
        {
            warnings++;
        }

        if (ServedBefore(village, cadre))
        {
            warnings++;
        }

        return score - (warnings * _policy.WarningPenalty);
    }

    /// <summary>Returns true when no hard rule excludes <paramref name="cadre"/>.</summary>
    public bool IsEligible(Cadre cadre, string? forAssignmentId)
    {
        ArgumentNullException.ThrowIfNull(cadre);
        return cadre.PartyMember
            && cadre.WorkYearsOn(_facts.AsOf) >= _policy.MinWorkYears
            && cadre.AgeOn(_facts.AsOf) <= _policy.MaxAge
            && (cadre.HealthFit || !_policy.HealthFitRequired)
            && !IsTaken(cadre, forAssignmentId);
    }

    private bool IsTaken(Cadre cadre, string? forAssignmentId) =>
        _facts.Taken.TryGetValue(cadre.Id, out var holder) && !string.Equals(holder, forAssignmentId, StringComparison.Ordinal);

    private void HardRules(Cadre cadre, string? forAssignmentId, List<SelectionIssue> failures)
    {
        if (!cadre.PartyMember)
        {
            failures.Add(new("not_party_member", "不是中共党员 / not a CPC member; the first secretary is a party post"));
        }

        var years = cadre.WorkYearsOn(_facts.AsOf);
        if (years < _policy.MinWorkYears)
        {
            failures.Add(new("insufficient_work_years", $"工作{years}年，不满{_policy.MinWorkYears}年 / {years} years of work, {_policy.MinWorkYears} required"));
        }

        var age = cadre.AgeOn(_facts.AsOf);
        if (age > _policy.MaxAge)
        {
            failures.Add(new("over_age_limit", $"{age}岁，超过{_policy.MaxAge}岁 / aged {age}, limit {_policy.MaxAge}"));
        }

        if (!cadre.HealthFit && _policy.HealthFitRequired)
        {
            failures.Add(new("not_health_fit", "身体状况不能胜任 / not physically fit for the post"));
        }

        if (IsTaken(cadre, forAssignmentId))
        {
            failures.Add(new("already_taken", $"已被 {_facts.Taken[cadre.Id]} 选派或预留 / assigned or reserved by {_facts.Taken[cadre.Id]}"));
        }
    }

    private void Warnings(Village village, Cadre cadre, List<SelectionIssue> warnings)
    {
        if (IsHomeTownship(village, cadre))
        {
            warnings.Add(new("home_township", $"户籍所在乡镇为{village.Township}（回避）/ home township is {village.Township}"));
        }

        if (UnitRegulates(village, cadre))
        {
            warnings.Add(new("unit_regulates_village", $"派出单位{cadre.Unit}直接监管{village.Township} / the unit regulates {village.Township} directly"));
        }

        if (ServedBefore(village, cadre))
        {
            warnings.Add(new("repeat_posting", $"曾在{village.Name}驻村 / served in {village.Name} before"));
        }
    }

    private void Score(Village village, Cadre cadre, List<ScorePart> parts)
    {
        var matched = village.Needs.Intersect(cadre.Skills, StringComparer.Ordinal).ToList();
        parts.Add(new("needSkillMatch", matched.Count * _policy.SkillMatchPoints, matched.Count == 0
            ? "no skill matches the village's needs"
            : $"skills match needs: {string.Join(", ", matched)}"));
        var rural = RuralPoints(cadre);
        parts.Add(new("ruralExperience", rural, $"{cadre.RuralExperienceYears ?? 0} year(s) of rural work (capped at {_policy.RuralExperienceMaxPoints} points)"));
        var unit = UnitPoints(village, cadre, out var unitReason);
        parts.Add(new("unitResources", unit, unitReason));
        var grades = GradePoints(cadre, out var gradeReason);
        parts.Add(new("pastGrades", grades, gradeReason));
    }

    private int RuralPoints(Cadre cadre) =>
        Math.Min(_policy.RuralExperienceMaxPoints, Math.Max(0, cadre.RuralExperienceYears ?? 0) * _policy.RuralExperiencePointsPerYear);

    private int UnitPoints(Village village, Cadre cadre, out string reason)
    {
        _facts.Units.TryGetValue(cadre.Unit, out var unit);
        var level = unit?.Level ?? cadre.UnitLevel;
        var points = level switch
        {
            UnitLevel.City => _policy.CityUnitPoints,
            UnitLevel.County => _policy.CountyUnitPoints,
            UnitLevel.Township => _policy.TownshipUnitPoints,
            _ => 0,
        };
        reason = level is null ? "unit level unknown" : $"{level.Value.ToString().ToLowerInvariant()}-level unit";
        if (unit?.Sector is { } sector && village.Needs.Contains(sector, StringComparer.Ordinal))
        {
            points += _policy.SectorMatchPoints;
            reason += $"; its sector '{sector}' serves a village need";
        }

        return points;
    }

    private int GradePoints(Cadre cadre, out string reason)
    {
        if (!_facts.PastGrades.TryGetValue(cadre.Id, out var grades) || grades.Count == 0)
        {
            reason = "no past reviews";
            return 0;
        }

        var points = 0;
        foreach (var grade in grades)
        {
            points += grade switch
            {
                Grade.Excellent => _policy.ExcellentGradePoints,
                Grade.Competent => _policy.CompetentGradePoints,
                Grade.BasicallyCompetent => _policy.BasicallyCompetentGradePoints,
                _ => _policy.IncompetentGradePoints,
            };
        }

        reason = $"past grades: {string.Join(", ", grades)}";
        return points;
    }

    private static bool IsHomeTownship(Village village, Cadre cadre) =>
        cadre.HomeTownship is { } home && string.Equals(home, village.Township, StringComparison.Ordinal);

    private bool UnitRegulates(Village village, Cadre cadre) =>
        _facts.Units.TryGetValue(cadre.Unit, out var unit) && unit.RegulatedTownships.Contains(village.Township, StringComparer.Ordinal);

    private bool ServedBefore(Village village, Cadre cadre) =>
        _facts.PastVillages.TryGetValue(cadre.Id, out var villages) && villages.Contains(village.Id);
}
