using Dispatch.Durable.Client;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

public sealed class LifecycleTests
{
    [Fact]
    public async Task FullTerm_MixedAnswersThenRotation_RecordsMonthsAndHandsOver()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        var people = new ScriptedPeople(h)
        {
            RejectFirstHandoverList = true,
            CheckIns = (assignment, period) => assignment != "r1.v1" ? Reply.OnTime : period switch
            {
                "2026-08" => Reply.AfterReminder,
                "2026-09" => Reply.Late,
                "2026-10" => Reply.Never,
                _ => Reply.OnTime,
            },
            Decisions = id => id == "r1.v1" ? TermDecision.Rotate : null,
            Selections = id => id == "r1.v1" ? "c1" : id == "r1.v1.2" ? "c2" : null,
        };
        await h.Service.StartAssignmentAsync("r1", "v1");

        await people.RunAsync(async () => (await h.Service.GetAssignmentAsync("r1.v1"))?.Assignment.Stage == AssignmentStage.Completed, 800);

        people.Results.ShouldAllBe(r => r.Status == CommandStatus.Accepted);
        var first = await h.DetailsAsync("r1.v1");
        first.Assignment.Outcome.ShouldBe(AssignmentOutcome.Rotated);
        first.Assignment.FollowedByAssignmentId.ShouldBe("r1.v1.2");
        first.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        first.CheckIns.Count.ShouldBe(24);
        var byPeriod = first.CheckIns.ToDictionary(c => c.Period);
        byPeriod["2026-07"].Status.ShouldBe(CheckInStatus.Answered);
        byPeriod["2026-07"].RemindedAt.ShouldBeNull();
        byPeriod["2026-08"].Status.ShouldBe(CheckInStatus.Answered);
        byPeriod["2026-08"].RemindedAt.ShouldNotBeNull();
        byPeriod["2026-09"].Status.ShouldBe(CheckInStatus.AnsweredLate);
        byPeriod["2026-09"].Answer.ShouldNotBeNull();
        byPeriod["2026-10"].Status.ShouldBe(CheckInStatus.Missed);
        byPeriod["2026-10"].EscalatedAt.ShouldNotBeNull();
        first.Reviews.Count.ShouldBe(2);
        first.Reviews[0].Kind.ShouldBe(ReviewKind.Annual);
        first.Reviews[0].AttendanceFailures.ShouldBe(2);
        first.Reviews[0].WeightedScore.ShouldBe(95m);
        first.Reviews[0].Grade.ShouldBe(Grade.BasicallyCompetent);
        first.Reviews[1].Kind.ShouldBe(ReviewKind.TermEnd);
        first.Reviews[1].Grade.ShouldBe(Grade.Excellent);

        var successor = await h.DetailsAsync("r1.v1.2");
        successor.Assignment.CadreId.ShouldBe("c2");
        successor.Assignment.OutgoingCadreId.ShouldBe("c1");
        successor.Assignment.Stage.ShouldBe(AssignmentStage.Term);
        var handover = successor.Handover.ShouldNotBeNull();
        handover.IsOrientation.ShouldBeFalse();
        handover.OutgoingConfirmed.ShouldBeTrue();
        handover.IncomingConfirmed.ShouldBeTrue();
        handover.List.ShouldNotBeNull().Ledgers.ShouldContain("党建台账");
        handover.CompletedAt.ShouldNotBeNull();
        var sent = h.Outbox.Sent;
        sent.Count(n => n.Kind == NoticeKind.HandoverListRequest && n.AssignmentId == "r1.v1.2").ShouldBe(2);
        sent.ShouldContain(n => n.Kind == NoticeKind.HandoverCompleted && n.To[0].Email == "c1@example.org");
        sent.ShouldContain(n => n.Kind == NoticeKind.Rotation && n.AssignmentId == "r1.v1");
        sent.ShouldContain(n => n.Kind == NoticeKind.LowAttendanceNotice || n.Kind == NoticeKind.CheckInEscalation);
        (await h.Service.GetCadreAsync("c1")).ShouldNotBeNull();
        (await h.Service.RecallAsync("r1.v1", "已轮换")).Status.ShouldBe(CommandStatus.Conflict);

        var summary = (await h.Service.GetRoundSummaryAsync("r1")).ShouldNotBeNull();
        summary.ByOutcome["rotated"].ShouldBe(1);
        summary.CheckIns.Single(m => m.Period == "2026-10").Missed.ShouldBe(1);
        summary.MissedCheckIns.ShouldBe(2);
    }

    [Fact]
    public async Task CheckIn_LowDaysInVillage_FlagsMonthForTownship()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        var people = new ScriptedPeople(h) { DaysInVillage = 12 };
        await h.Service.StartAssignmentAsync("r1", "v1");

        await people.RunAsync(async () => (await h.DetailsAsync("r1.v1")).CheckIns.Any(c => c.Status == CheckInStatus.Answered), 120);

        var checkIn = (await h.DetailsAsync("r1.v1")).CheckIns.Single(c => c.Status == CheckInStatus.Answered);
        checkIn.LowAttendance.ShouldBeTrue();
        var notice = h.Outbox.Sent.Single(n => n.Kind == NoticeKind.LowAttendanceNotice);
        notice.To[0].Role.ShouldBe(RecipientRole.Township);
        notice.Model[NoticeModelKeys.DaysInVillage].ShouldBe("12");
        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer())).Status.ShouldBe(CommandStatus.Conflict);
    }

    [Fact]
    public async Task Recall_DuringTerm_EndsAndStartsReplacement()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        var people = new ScriptedPeople(h);
        await h.Service.StartAssignmentAsync("r1", "v1");
        await people.RunAsync(async () => (await h.DetailsAsync("r1.v1")).CheckIns.Count >= 2, 200);

        (await h.Service.RecallAsync("r1.v1", string.Empty)).Status.ShouldBe(CommandStatus.Invalid);
        (await h.Service.RecallAsync("r1.v1", "长期不在岗，走读")).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();

        var recalled = await h.DetailsAsync("r1.v1");
        recalled.Assignment.Outcome.ShouldBe(AssignmentOutcome.Recalled);
        recalled.Assignment.RecallReason.ShouldBe("长期不在岗，走读");
        recalled.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        h.Outbox.Sent.Where(n => n.Kind == NoticeKind.Recall).ShouldHaveSingleItem().Cc.Count.ShouldBe(2);
        var replacement = await h.DetailsAsync("r1.v1.2");
        replacement.Assignment.ReplacesAssignmentId.ShouldBe("r1.v1");
        replacement.Assignment.Stage.ShouldBe(AssignmentStage.Selection);
        replacement.Proposal.ShouldNotBeNull().CadreId.ShouldNotBeNull();

        // The recalled cadre is free again, so HR may choose them for another village.
        (await h.Service.StartAssignmentAsync("r1", "v2")).Created.ShouldBeTrue();
        await h.RunAsync();
        (await h.Service.SubmitSelectionAsync("r1.v2", new SelectionRequest("c1", "再次选派", "曾在本镇驻村，熟悉情况"))).Status.ShouldBe(CommandStatus.Accepted);

        await people.RunAsync(async () => (await h.DetailsAsync("r1.v1.2")).Assignment.Stage == AssignmentStage.Term, 60);
        var served = await h.DetailsAsync("r1.v1.2");
        served.Assignment.TermEnd.ShouldBe(recalled.Assignment.TermEnd);
        served.Handover.ShouldNotBeNull().IsOrientation.ShouldBeTrue();
    }

    [Fact]
    public async Task Decision_Extend_ContinuesWithSameSecretaryWithoutSelection()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        (await h.Service.UpsertRoundAsync(new Round { Id = "r1", Name = "短期", Region = "蓬江区", StartsOn = WorkflowHarness.RoundStart, TermMonths = 2 })).IsValid.ShouldBeTrue();
        var people = new ScriptedPeople(h) { Decisions = id => id == "r1.v1" ? TermDecision.Extend : null };
        await h.Service.StartAssignmentAsync("r1", "v1");

        await people.RunAsync(async () => (await h.Service.GetAssignmentAsync("r1.v1.2"))?.Assignment.Stage == AssignmentStage.Term, 200);

        var first = await h.DetailsAsync("r1.v1");
        first.Assignment.Outcome.ShouldBe(AssignmentOutcome.Extended);
        first.Reviews.ShouldHaveSingleItem().Kind.ShouldBe(ReviewKind.TermEnd);
        var next = await h.DetailsAsync("r1.v1.2");
        next.Assignment.CadreId.ShouldBe(first.Assignment.CadreId);
        next.Assignment.ContinuesAssignmentId.ShouldBe("r1.v1");
        next.Assignment.TermStart.ShouldBe(first.Assignment.TermEnd);
        next.Handover.ShouldBeNull();
        h.Outbox.Sent.Count(n => n.Kind == NoticeKind.SelectionProposal).ShouldBe(1);
        h.Outbox.Sent.ShouldContain(n => n.Kind == NoticeKind.Extension && n.AssignmentId == "r1.v1.2");
    }

    [Fact]
    public async Task SubmitSelection_TwoVillagesRaceForOneCadre_OneWinsOtherGetsConflictAndFreshProposal()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        await h.Service.StartAssignmentAsync("r1", "v1");
        await h.Service.StartAssignmentAsync("r1", "v2");
        await h.RunAsync();

        var results = await Task.WhenAll(
            Task.Run(() => h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("c1", "甲"))),
            Task.Run(() => h.Service.SubmitSelectionAsync("r1.v2", new SelectionRequest("c1", "乙"))));

        results.Count(r => r.Status == CommandStatus.Accepted).ShouldBe(1);
        var lost = results.Single(r => r.Status == CommandStatus.Conflict);
        lost.Message.ShouldContain("already reserved");
        lost.FreshProposal.ShouldNotBeNull().CadreId.ShouldNotBeNull().ShouldNotBe("c1");
        await h.RunAsync();
        var winner = results[0].Status == CommandStatus.Accepted ? "r1.v1" : "r1.v2";
        (await h.DetailsAsync(winner)).Assignment.CadreId.ShouldBe("c1");
    }

    [Fact]
    public async Task SubmitSelection_BadInputs_ReportedWithoutReserving()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync(1, WorkflowHarness.Cadre("old") with { BirthDate = new DateOnly(1960, 1, 1) }, WorkflowHarness.Cadre("home") with { HomeTownship = "棠下镇" });
        await h.Service.StartAssignmentAsync("r1", "v1");
        await h.RunAsync();

        (await h.Service.SubmitSelectionAsync("r1.v9", new SelectionRequest("c1", null))).Status.ShouldBe(CommandStatus.NotFound);
        (await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("nobody", null))).Errors.For("cadreId").ShouldNotBeEmpty();
        (await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("old", null))).Errors.For("cadreId").ShouldHaveSingleItem().ShouldContain("45");
        var warned = await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("home", null));
        warned.Status.ShouldBe(CommandStatus.Invalid);
        warned.Errors.For("overrideReason").ShouldHaveSingleItem().ShouldContain("回避");

        (await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("home", null, "本人申请，组织同意"))).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();
        var record = (await h.DetailsAsync("r1.v1")).Assignment;
        record.OverrideReason.ShouldBe("本人申请，组织同意");
        record.OverriddenWarnings.ShouldBe(["home_township"]);
    }

    [Fact]
    public async Task Selection_NoDecision_RemindsThenEscalatesAndListsOverdue()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        await h.Service.StartAssignmentAsync("r1", "v1");
        await h.RunAsync();

        await h.AdvanceDaysAsync(8);

        var kinds = h.Outbox.Sent.Select(n => n.Kind).ToList();
        kinds.ShouldContain(NoticeKind.SelectionReminder);
        var escalation = h.Outbox.Sent.Single(n => n.Kind == NoticeKind.SelectionEscalation);
        escalation.To[0].Role.ShouldBe(RecipientRole.Manager);
        var page = await h.Service.ListAssignmentsAsync(new AssignmentFilter { RoundId = "r1", Overdue = true });
        var item = page.Items.ShouldHaveSingleItem();
        item.Stage.ShouldBe("selection");
        item.Township.ShouldBe("棠下镇");
        item.NextAction.ShouldBe("selection:decide:escalated");
        (await h.Service.ListAssignmentsAsync(new AssignmentFilter { Stage = "term" })).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task StartRound_OptimalProposals_OneCadrePerVillage()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync(3);

        var started = await h.Service.StartRoundAsync("r1");
        await h.RunAsync();

        started.Select(s => s.AssignmentId).Order().ShouldBe(["r1.v1", "r1.v2", "r1.v3"]);
        var proposals = new List<string?>();
        foreach (var s in started)
        {
            proposals.Add((await h.DetailsAsync(s.AssignmentId)).Proposal?.CadreId);
        }

        proposals.ShouldAllBe(p => p != null);
        proposals.Distinct().Count().ShouldBe(3);
        (await h.Service.StartRoundAsync("r1")).ShouldAllBe(s => !s.Created);
    }
}
