using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>The handover commands the handover page sends, each only at the step that listens for it.</summary>
public sealed class HandoverStepTests
{
    private const string Outgoing = "r1.v1|outgoing";
    private const string Incoming = "r1.v1|incoming";

    [Fact]
    public async Task HandoverCommands_OutOfStep_RefusedAndReturnedListKept()
    {
        await using var h = await WorkflowHarness.StartAsync();
        await h.SeedAsync();
        var village = (await h.Service.GetVillageAsync("v1")).ShouldNotBeNull();
        (await h.Service.UpsertVillagesAsync([village with { CurrentSecretaryCadreId = "c3" }])).IsValid.ShouldBeTrue();
        await h.Service.StartAssignmentAsync("r1", "v1");
        await h.RunAsync();
        (await h.Service.SubmitSelectionAsync("r1.v1", new SelectionRequest("c1", "同意"))).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();
        var list = new HandoverList { Ledgers = ["党建台账"], Assets = ["村委会办公电脑 2 台"] };

        (await h.Service.SubmitHandoverListAsync(Outgoing, list)).Status.ShouldBe(CommandStatus.Conflict);
        (await h.Service.RespondToMeetingAsync(Outgoing, true, null)).Status.ShouldBe(CommandStatus.Accepted);
        (await h.Service.RespondToMeetingAsync(Incoming, true, null)).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();
        (await h.DetailsAsync("r1.v1")).Handover.ShouldNotBeNull().ListRequestedAt.ShouldBeNull();

        await h.AdvanceDaysAsync(40);
        await h.RunAsync();

        (await h.DetailsAsync("r1.v1")).Handover.ShouldNotBeNull().ListRequestedAt.ShouldNotBeNull();
        (await h.Service.RespondToMeetingAsync(Incoming, false, h.Clock.GetUtcNow().AddDays(2))).Status.ShouldBe(CommandStatus.Gone);
        (await h.Service.SubmitHandoverListAsync(Outgoing, list)).Status.ShouldBe(CommandStatus.Accepted);
        (await h.Service.SubmitHandoverListAsync(Outgoing, list)).Status.ShouldBe(CommandStatus.Conflict);
        await h.RunAsync();
        (await h.Service.ReviewHandoverListAsync(Incoming, false, "缺少监测户名单")).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();

        var returned = (await h.DetailsAsync("r1.v1")).Handover.ShouldNotBeNull();
        returned.List.ShouldBeNull();
        returned.ReturnedList.ShouldNotBeNull().Assets.ShouldBe(["村委会办公电脑 2 台"]);
        returned.Missing.ShouldBe("缺少监测户名单");
        (await h.Service.SubmitHandoverListAsync(Outgoing, list with { MonitoredHouseholds = ["张家"] })).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();
        (await h.Service.ReviewHandoverListAsync(Incoming, true, null)).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();
        (await h.DetailsAsync("r1.v1")).Handover.ShouldNotBeNull().CompletedAt.ShouldNotBeNull();
    }
}
