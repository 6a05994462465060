using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Dispatch.Workflow.Policy;

namespace Dispatch.Workflow.Tests.Lifecycle;

public sealed class ReviewGraderTests
{
    private static readonly WorkflowPolicy Policy = new();

    [Theory]
    [InlineData(95, 0, Grade.Excellent)]
    [InlineData(95, 1, Grade.Competent)]
    [InlineData(95, 2, Grade.BasicallyCompetent)]
    [InlineData(95, 3, Grade.Incompetent)]
    [InlineData(80, 0, Grade.Competent)]
    [InlineData(65, 0, Grade.BasicallyCompetent)]
    [InlineData(59, 0, Grade.Incompetent)]
    [InlineData(65, 1, Grade.BasicallyCompetent)]
    public void Grade_ScoresAndAttendance_AppliesThresholdsAndCap(int score, int absences, Grade expected)
    {
        var scores = new Dictionary<ReviewScorer, decimal> { [ReviewScorer.OrgDepartment] = score, [ReviewScorer.Township] = score, [ReviewScorer.Unit] = score };

        var (total, grade, capped) = ReviewGrader.Grade(Policy, scores, absences);

        total.ShouldBe(score);
        grade.ShouldBe(expected);
        (capped is not null).ShouldBe(grade != (score >= 90 ? Grade.Excellent : score >= 75 ? Grade.Competent : score >= 60 ? Grade.BasicallyCompetent : Grade.Incompetent));
    }

    [Fact]
    public void Grade_MissingScorer_RenormalizesWeights()
    {
        var scores = new Dictionary<ReviewScorer, decimal> { [ReviewScorer.OrgDepartment] = 100, [ReviewScorer.Township] = 65 };

        ReviewGrader.Grade(Policy, scores, 0).Score.ShouldBe(85m);
    }

    [Fact]
    public void Grade_NobodyScored_DefaultsToCompetentWithinCap()
    {
        ReviewGrader.Grade(Policy, new Dictionary<ReviewScorer, decimal>(), 0).ShouldBe((null, Grade.Competent, "no reviewer scored by the deadline; graded COMPETENT by default"));
        ReviewGrader.Grade(Policy, new Dictionary<ReviewScorer, decimal>(), 3).Grade.ShouldBe(Grade.Incompetent);
    }
}
