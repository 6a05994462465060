using Dispatch.Durable;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Opens a review (forms to the secretary and the scorers), reminds whoever has not answered, and closes it with the grade.</summary>
[DurableTask(Name)]
internal sealed class ReviewActivity(WorkflowRepository repository, LifecycleNotifier notifier, IOptionsMonitor<WorkflowPolicy> policy)
    : TaskActivity<ReviewInput, ReviewResult>
{
    public const string Name = "Workflow.Review";

    public override async Task<ReviewResult> RunAsync(TaskActivityContext context, ReviewInput input)
    {
        var ct = context.CancellationToken;
        var c = input.Context;
        var reviewId = ReviewRecord.IdFor(c.AssignmentId, input.Sequence);
        ReviewRecord Create() => new()
        {
            Id = reviewId,
            AssignmentId = c.AssignmentId,
            Sequence = input.Sequence,
            Kind = input.Kind,
            OpenedAt = input.Now,
            DueAt = input.DueAt,
            AttendanceFailures = input.AttendanceFailures,
            Participants = input.Villagers
                ? [ReviewScorer.Self, ReviewScorer.OrgDepartment, ReviewScorer.Township, ReviewScorer.Unit, ReviewScorer.Villagers]
                : [ReviewScorer.Self, ReviewScorer.OrgDepartment, ReviewScorer.Township, ReviewScorer.Unit],
        };
        var kindCode = input.Kind == ReviewKind.Annual ? "annual" : "termEnd";
        NoticeRequest Request(NoticeKind kind, string period, IReadOnlyList<ReviewScorer> participants, NoticeModel values) => new()
        {
            Kind = kind,
            Context = c,
            Period = period,
            ReviewId = reviewId,
            Participants = participants,
            Values = values.Code(NoticeModelKeys.ReviewKind, kindCode).Build(),
            LinkExpiresAt = input.DueAt.AddDays(60),
        };

        switch (input.Op)
        {
            case ReviewOp.Open:
            {
                var record = await repository.UpdateReviewAsync(c.AssignmentId, input.Sequence, Create, r => r, ct);
                await notifier.SendAsync(Request(NoticeKind.ReviewRequestToReviewer, "review-" + input.Sequence, record.Participants, Due(record.DueAt)), ct);
                return new ReviewResult(Missing(record), null, null);
            }

            case ReviewOp.Remind:
            {
                var record = (await repository.GetReviewAsync(c.AssignmentId, input.Sequence, ct))?.Value ?? Create();
                var missing = Missing(record);
                if (missing.Count > 0)
                {
                    await notifier.SendAsync(Request(NoticeKind.ReviewReminder, "review-" + input.Sequence + "/r", missing, Due(record.DueAt)), ct);
                }

                return new ReviewResult(missing, null, null);
            }

            case ReviewOp.Close:
            {
                var current = policy.CurrentValue;
                var record = await repository.UpdateReviewAsync(
                    c.AssignmentId,
                    input.Sequence,
                    Create,
                    r =>
                    {
                        if (r.ClosedAt is not null)
                        {
                            return r;
                        }

                        var scores = r.Forms.Where(f => f.Value.Score is not null).ToDictionary(f => f.Key, f => f.Value.Score!.Value);
                        var (score, grade, capped) = ReviewGrader.Grade(current, scores, r.AttendanceFailures);
                        return r with { WeightedScore = score, Grade = grade, CappedBecause = capped, ClosedAt = input.Now };
                    },
                    ct);
                if (record.Grade is { } grade)
                {
                    await repository.UpdateHistoryAsync(c.CadreId!, h => h with { Grades = [.. h.Grades, grade] }, ct);
                    await notifier.SendAsync(
                        Request(NoticeKind.ReviewResult, "review-" + input.Sequence, [], new NoticeModel().Code(NoticeModelKeys.Grade, GradeCode(grade)).Number(NoticeModelKeys.Score, record.WeightedScore ?? 0)) with { Participants = [] },
                        ct);
                }

                return new ReviewResult(Missing(record), record.Grade, record.WeightedScore);
            }

            default:
                throw new ArgumentException($"Unknown review step {input.Op}.", nameof(input));
        }
    }

    public static string GradeCode(Grade grade) => grade switch
    {
        Grade.Excellent => "EXCELLENT",
        Grade.Competent => "COMPETENT",
        Grade.BasicallyCompetent => "BASICALLY_COMPETENT",
        _ => "INCOMPETENT",
    };

    private static List<ReviewScorer> Missing(ReviewRecord record) => record.Participants.Where(p => !record.Forms.ContainsKey(p)).ToList();

    private static NoticeModel Due(DateTimeOffset due) =>
        new NoticeModel().Date(NoticeModelKeys.DueDate, DateOnly.FromDateTime(due.ToOffset(LifecycleClock.LocalOffset).DateTime));
}
