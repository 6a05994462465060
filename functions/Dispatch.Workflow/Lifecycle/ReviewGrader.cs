using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// Turns reviewers' scores into a grade: the weighted mean of the scores given (weights from policy,
/// renormalized over the reviewers who answered), mapped through the policy thresholds, then capped by
/// attendance failures (domain.md R2.14: one rules out 优秀, two cap at 基本称职, three give 不称职).
/// </summary>
public static class ReviewGrader
{
    /// <summary>Grades one review; when no weighted reviewer scored, the grade is 称职 (or the attendance cap) and the score null.</summary>
    /// <param name="policy">The county policy.</param>
    /// <param name="scores">Scores (0–100) by reviewer; the self-report carries none.</param>
    /// <param name="attendanceFailures">Months below the minimum days plus missed check-ins in the period.</param>
    public static (decimal? Score, Grade? Grade, string? CappedBecause) Grade(WorkflowPolicy policy, IReadOnlyDictionary<ReviewScorer, decimal> scores, int attendanceFailures)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegative(attendanceFailures);
        decimal weighted = 0;
        decimal weights = 0;
        foreach (var (scorer, score) in scores)
        {
            var weight = scorer switch
            {
                ReviewScorer.OrgDepartment => policy.OrgDepartmentWeight,
                ReviewScorer.Township => policy.TownshipWeight,
                ReviewScorer.Unit => policy.UnitWeight,
                ReviewScorer.Villagers => policy.VillagersWeight,
                _ => 0,
            };
            weighted += weight * score;
            weights += weight;
        }

        var cap = attendanceFailures >= policy.IncompetentAtAbsences ? Domain.Grade.Incompetent
            : attendanceFailures >= policy.BasicallyCompetentAtAbsences ? Domain.Grade.BasicallyCompetent
            : attendanceFailures >= policy.NoExcellentAtAbsences ? Domain.Grade.Competent
            : Domain.Grade.Excellent;
        if (weights == 0)
        {
            // Nobody scored by the deadline: the secretary is not penalized for reviewers' silence.
            return cap > Domain.Grade.Competent
                ? (null, cap, $"no reviewer scored; {attendanceFailures} attendance failure(s) cap the grade at {cap}")
                : (null, Domain.Grade.Competent, "no reviewer scored by the deadline; graded COMPETENT by default");
        }

        var total = Math.Round(weighted / weights, 2, MidpointRounding.AwayFromZero);
        var byScore = total >= (decimal)policy.ExcellentThreshold ? Domain.Grade.Excellent
            : total >= (decimal)policy.CompetentThreshold ? Domain.Grade.Competent
            : total >= (decimal)policy.BasicallyCompetentThreshold ? Domain.Grade.BasicallyCompetent
            : Domain.Grade.Incompetent;
        return cap > byScore
            ? (total, cap, $"{attendanceFailures} attendance failure(s) (months below the minimum days or missed check-ins) cap the grade at {cap}")
            : (total, byScore, null);
    }
}
