using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

public sealed class LifecycleSmokeTests
{
    [Fact]
    public async Task StartAssignment_SelectionThenOrientation_ReachesFirstCheckIn()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();

        var started = await h.Service.StartAssignmentAsync("r1", "v1");
        (await h.Service.StartAssignmentAsync("r1", "v1")).Created.ShouldBeFalse();
        await h.RunAsync();

        started.AssignmentId.ShouldBe("r1.v1");
        var details = await h.DetailsAsync("r1.v1");
        details.Assignment.Stage.ShouldBe(AssignmentStage.Selection);
        details.Proposal.ShouldNotBeNull().CadreId.ShouldBe("c1");
        h.Outbox.TakeNew().ShouldContain(n => n.Kind == NoticeKind.SelectionProposal);

        (await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("c1", "好"))).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();

        var kinds = h.Outbox.TakeNew().Select(n => n.Kind).ToList();
        kinds.ShouldContain(NoticeKind.Appointment);
        kinds.ShouldContain(NoticeKind.UnitNotice);
        kinds.ShouldContain(NoticeKind.TownshipNotice);
        kinds.ShouldContain(NoticeKind.OrientationInvitation);
        (await h.DetailsAsync("r1.v1")).Assignment.TermStart.ShouldBe(WorkflowHarness.RoundStart);

        await h.Host.AdvanceToAsync(new DateTimeOffset(2026, 8, 1, 2, 0, 0, TimeSpan.Zero));

        var after = await h.DetailsAsync("r1.v1");
        after.Assignment.Stage.ShouldBe(AssignmentStage.Term);
        after.Handover.ShouldNotBeNull().CompletedAt.ShouldNotBeNull();
        after.CheckIns.ShouldHaveSingleItem().Period.ShouldBe("2026-07");
        after.Status.ShouldNotBeNull().NextAction.ShouldBe("checkin:2026-07:answer");
        h.Outbox.TakeNew().ShouldContain(n => n.Kind == NoticeKind.CheckInRequest);
    }
}
