using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>How a secretary answers one month's check-in.</summary>
internal enum Reply
{
    OnTime,
    AfterReminder,
    Late,
    Never,
}

/// <summary>
/// Plays every person in the lifecycle by reading the outbox: HR accepts proposals and decides, secretaries
/// answer check-ins per a script, confirm meetings and exchange handover lists, reviewers score.
/// </summary>
internal sealed class ScriptedPeople(WorkflowHarness harness)
{
    private readonly HashSet<string> _lateDue = new(StringComparer.Ordinal);

    public Func<string, string, Reply> CheckIns { get; set; } = (_, _) => Reply.OnTime;

    public Func<string, TermDecision?> Decisions { get; set; } = _ => null;

    public Func<string, string?> Selections { get; set; } = _ => null;

    public int ReviewerScore { get; set; } = 95;

    public int DaysInVillage { get; set; } = 22;

    public bool RejectFirstHandoverList { get; set; }

    public List<CommandResult> Results { get; } = [];

    private int _listReviews;

    /// <summary>Advances day by day, reacting to every new notice, until <paramref name="done"/> holds or the days run out.</summary>
    public async Task RunAsync(Func<Task<bool>> done, int maxDays)
    {
        await harness.RunAsync();
        for (var day = 0; day <= maxDays; day++)
        {
            await ReactAsync();
            await harness.RunAsync();
            await ReactAsync();
            if (await done())
            {
                return;
            }

            await harness.AdvanceDaysAsync(1);
        }

        throw new InvalidOperationException($"The scenario did not finish within {maxDays} days (now {harness.Host.UtcNow:O}).");
    }

    private async Task ReactAsync()
    {
        foreach (var notice in harness.Outbox.TakeNew())
        {
            var subject = notice.Links.Count > 0 ? notice.Links[0].SubjectId : string.Empty;
            switch (notice.Kind)
            {
                case NoticeKind.SelectionProposal:
                    var details = await harness.DetailsAsync(notice.AssignmentId);
                    var cadre = Selections(notice.AssignmentId) ?? details.Proposal?.CadreId;
                    if (cadre is not null)
                    {
                        Results.Add(await harness.Service.SubmitSelectionAsync(notice.AssignmentId, new SelectionRequest(cadre, "同意")));
                    }

                    break;
                case NoticeKind.CheckInRequest:
                    if (Script(subject) == Reply.OnTime)
                    {
                        await AnswerAsync(subject);
                    }
                    else if (Script(subject) == Reply.Late)
                    {
                        _lateDue.Add(subject);
                    }

                    break;
                case NoticeKind.CheckInReminder when Script(subject) == Reply.AfterReminder:
                    await AnswerAsync(subject);
                    break;
                case NoticeKind.MissedMonthNotice:
                    foreach (var late in _lateDue.Where(id => id.StartsWith(notice.AssignmentId + "|", StringComparison.Ordinal)).ToList())
                    {
                        _lateDue.Remove(late);
                        await AnswerAsync(late);
                    }

                    break;
                case NoticeKind.HandoverInvitation when !subject.EndsWith("|township", StringComparison.Ordinal):
                    Results.Add(await harness.Service.RespondToMeetingAsync(subject, true, null));
                    break;
                case NoticeKind.HandoverListRequest:
                    Results.Add(await harness.Service.SubmitHandoverListAsync(subject, new HandoverList { Ledgers = ["党建台账", "项目台账"], MonitoredHouseholds = ["张家"], Funds = ["衔接资金 35万元 未拨付"] }));
                    break;
                case NoticeKind.HandoverListReview:
                    var reject = RejectFirstHandoverList && _listReviews++ == 0;
                    Results.Add(await harness.Service.ReviewHandoverListAsync(subject, !reject, reject ? "缺少资产清单" : null));
                    break;
                case NoticeKind.ReviewRequestToSecretary:
                    Results.Add(await harness.Service.SubmitReviewFormAsync(subject, new ReviewForm { Text = "述职报告" }));
                    break;
                case NoticeKind.ReviewRequestToReviewer:
                    Results.Add(await harness.Service.SubmitReviewFormAsync(subject, new ReviewForm { Score = ReviewerScore, Text = "评价" }));
                    break;
                case NoticeKind.TermDecisionRequest when !notice.Period.Contains('/', StringComparison.Ordinal):
                    if (Decisions(notice.AssignmentId) is { } decision)
                    {
                        Results.Add(await harness.Service.DecideAsync(notice.AssignmentId, decision, "决定"));
                    }

                    break;
            }
        }
    }

    private Reply Script(string checkInId)
    {
        var bar = checkInId.LastIndexOf('|');
        return CheckIns(checkInId[..bar], checkInId[(bar + 1)..]);
    }

    private async Task AnswerAsync(string checkInId) =>
        Results.Add(await harness.Service.SubmitCheckInAsync(checkInId, WorkflowHarness.Answer(DaysInVillage)));
}
