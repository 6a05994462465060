using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Dispatch.Workflow.Policy;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Forms;

/// <summary>The review page over the workflow's <see cref="AssignmentService"/>.</summary>
internal sealed class WorkflowReviewForms(AssignmentService assignments, IOptionsMonitor<WorkflowPolicy> policy) : IReviewForms
{
    /// <inheritdoc />
    public async Task<ReviewFormContext?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        if (await assignments.GetReviewTaskAsync(taskId, cancellationToken) is not { } task)
        {
            return null;
        }

        var (review, scorer) = task;
        var details = await assignments.GetAssignmentAsync(review.AssignmentId, cancellationToken);
        var assignment = details?.Assignment;

        // The period runs from the previous review's opening to this one's, so each review reads its own months.
        var since = details?.Reviews.Where(r => r.Sequence < review.Sequence).Select(r => (DateTimeOffset?)r.OpenedAt).Max() ?? DateTimeOffset.MinValue;
        var checkIns = (details?.CheckIns ?? []).Where(c => c.RequestedAt > since && c.RequestedAt <= review.OpenedAt).ToList();
        var answers = checkIns.Where(c => c.Answer is not null).Select(c => c.Answer!).ToList();
        var facts = new ReviewPeriodFacts(
            checkIns.Count,
            checkIns.Count(c => c.Status == CheckInStatus.Answered),
            checkIns.Count(c => c.Status == CheckInStatus.AnsweredLate),
            checkIns.Count(c => c.Status == CheckInStatus.Missed),
            checkIns.Count(c => c.LowAttendance),
            answers.Sum(a => a.DaysInVillage),
            answers.Sum(a => a.HouseholdsVisited),
            answers.Sum(a => a.ProblemsSolved),
            answers.Sum(a => a.FundsSecuredYuan),
            answers.Sum(a => a.ProjectsAdvanced),
            [.. answers.Select(a => a.Highlights.Trim()).Where(h => h.Length > 0)]);
        var current = policy.CurrentValue;
        return new ReviewFormContext(
            taskId,
            review.AssignmentId,
            assignment?.VillageName ?? string.Empty,
            assignment?.Township ?? string.Empty,
            assignment?.CadreName ?? string.Empty,
            scorer,
            review.Kind,
            review.DueAt,
            Closed: review.ClosedAt is not null,
            Submitted: review.Forms.ContainsKey(scorer),
            review.Forms.TryGetValue(ReviewScorer.Self, out var self) ? self.Text : null,
            review.AttendanceFailures,
            facts,
            (current.ExcellentThreshold, current.CompetentThreshold, current.BasicallyCompetentThreshold));
    }

    /// <inheritdoc />
    public Task<CommandResult> SubmitAsync(string taskId, ReviewForm form, CancellationToken cancellationToken = default) =>
        assignments.SubmitReviewFormAsync(taskId, form, cancellationToken);
}
