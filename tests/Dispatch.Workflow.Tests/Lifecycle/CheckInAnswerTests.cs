using Dispatch.Durable.Client;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>How an answer reaches the check-in row: in the orchestration's signal while the month is open, directly otherwise.</summary>
public sealed class CheckInAnswerTests
{
    [Fact]
    public async Task SubmitCheckInAsync_OpenWhileRunning_OrchestrationStoresTheCarriedAnswer()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);
        var submittedAt = h.Host.UtcNow;

        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(20) with { Highlights = "走访脱贫户" }, "email")).Status.ShouldBe(CommandStatus.Accepted);

        // The post wrote only the event: the row changes when the orchestration takes the signal.
        (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull().Status.ShouldBe(checkIn.Status);
        h.Service.IsCheckInAnswerPending(checkIn.Id).ShouldBeTrue();
        await h.RunAsync();
        var stored = (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(CheckInStatus.Answered);
        stored.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(20);
        stored.Answer.Highlights.ShouldBe("走访脱贫户");
        stored.Source.ShouldBe("email");
        stored.AnsweredAt.ShouldBe(submittedAt);
        stored.LowAttendance.ShouldBeFalse();
        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer())).Status.ShouldBe(CommandStatus.Conflict);
    }

    [Fact]
    public async Task SubmitCheckInAsync_SecondAnswerBeforeTheFirstIsStored_FirstAnswerStands()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);

        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(22))).Status.ShouldBe(CommandStatus.Accepted);
        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(10))).Status.ShouldBe(CommandStatus.Conflict);

        // The same second answer sent through another instance of the app: accepted there, and ignored.
        await h.Host.Client.RaiseEventAsync("r1.v1", LifecycleSignal.EventName, new LifecycleSignal { Kind = SignalKind.CheckInAnswered, CheckInId = checkIn.Id, Answer = WorkflowHarness.Answer(10), Source = "form", At = h.Host.UtcNow });
        await h.RunAsync();

        var stored = (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(CheckInStatus.Answered);
        stored.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(22);
        stored.LowAttendance.ShouldBeFalse();
        h.Outbox.Sent.ShouldNotContain(n => n.Kind == NoticeKind.LowAttendanceNotice);
    }

    [Fact]
    public async Task SubmitCheckInAsync_LowAttendance_TownshipToldOnce()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);

        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(8))).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();

        (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull().LowAttendance.ShouldBeTrue();
        var notice = h.Outbox.Sent.Where(n => n.Kind == NoticeKind.LowAttendanceNotice).ShouldHaveSingleItem();
        notice.Model[NoticeModelKeys.DaysInVillage].ShouldBe("8");
    }

    [Fact]
    public async Task SubmitCheckInAsync_AssignmentNoLongerRunning_StoredDirectly()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);
        await h.Host.Client.TerminateInstanceAsync("r1.v1");
        await h.RunAsync();
        (await h.Host.Client.GetInstanceAsync("r1.v1")).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);

        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(21))).Status.ShouldBe(CommandStatus.Accepted);

        var stored = (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(CheckInStatus.Answered);
        stored.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(21);
        h.Service.IsCheckInAnswerPending(checkIn.Id).ShouldBeFalse();
    }

    [Fact]
    public async Task SignalForAClosedMonth_CarriedAnswer_StoredAsLate()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var people = await StartSilentAsync(h);
        await people.RunAsync(async () => (await h.DetailsAsync("r1.v1")).CheckIns.Any(c => c.Status == CheckInStatus.Missed), 120);
        var missed = (await h.DetailsAsync("r1.v1")).CheckIns.First(c => c.Status == CheckInStatus.Missed);

        // Sent while the month was open, taken by the orchestration only after it closed.
        await h.Host.Client.RaiseEventAsync("r1.v1", LifecycleSignal.EventName, new LifecycleSignal { Kind = SignalKind.CheckInAnswered, CheckInId = missed.Id, Answer = WorkflowHarness.Answer(19), Source = "form", At = missed.ClosesAt.AddHours(-1) });
        await h.RunAsync();

        var stored = (await h.Service.GetCheckInAsync(missed.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(CheckInStatus.AnsweredLate);
        stored.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(19);
        stored.AnsweredAt.ShouldBe(missed.ClosesAt.AddHours(-1));
    }

    [Fact]
    public async Task SignalWithoutAnswer_SentBeforeAnswersTravelledInSignals_TakesTheStoredAnswer()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);

        // What the service did before: store the answer (low), then send a signal without it.
        var repository = h.Host.Services.GetRequiredService<WorkflowRepository>();
        await repository.UpdateCheckInAsync(checkIn.RoundId, checkIn.Id, r => r with { Status = CheckInStatus.Answered, Answer = WorkflowHarness.Answer(9), AnsweredAt = h.Host.UtcNow, Source = "form", LowAttendance = true });
        await h.Host.Client.RaiseEventAsync("r1.v1", LifecycleSignal.EventName, new LifecycleSignal { Kind = SignalKind.CheckInAnswered, CheckInId = checkIn.Id, LowAttendance = true, Source = "form", At = h.Host.UtcNow });
        await h.RunAsync();

        var stored = (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull();
        stored.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(9);
        h.Outbox.Sent.Where(n => n.Kind == NoticeKind.LowAttendanceNotice).ShouldHaveSingleItem();
        (await h.Host.Client.GetInstanceAsync("r1.v1")).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task SignalRaisedByHand_InvalidAnswer_NotStoredAndMonthClosesAsMissed()
    {
        await using var h = await WorkflowHarness.StartAsync();
        var checkIn = await FirstOpenCheckInAsync(h);

        await h.Host.Client.RaiseEventAsync("r1.v1", LifecycleSignal.EventName, new LifecycleSignal { Kind = SignalKind.CheckInAnswered, CheckInId = checkIn.Id, Answer = WorkflowHarness.Answer(99), At = h.Host.UtcNow });
        await h.RunAsync();

        var stored = (await h.Service.GetCheckInAsync(checkIn.Id)).ShouldNotBeNull();
        stored.Status.ShouldBe(CheckInStatus.Missed);
        stored.Answer.ShouldBeNull();
        (await h.Host.Client.GetInstanceAsync("r1.v1")).ShouldNotBeNull().RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await h.Service.SubmitCheckInAsync(checkIn.Id, WorkflowHarness.Answer(20))).Late.ShouldBeTrue();
    }

    private static async Task<CheckInRecord> FirstOpenCheckInAsync(WorkflowHarness h)
    {
        var people = await StartSilentAsync(h);
        await people.RunAsync(async () => (await h.DetailsAsync("r1.v1")).CheckIns.Count > 0, 120);
        var checkIn = (await h.DetailsAsync("r1.v1")).CheckIns.ShouldHaveSingleItem();
        checkIn.IsOpen.ShouldBeTrue();
        return checkIn;
    }

    // Everyone plays their part except the secretary, who answers no check-in unless the test does.
    private static async Task<ScriptedPeople> StartSilentAsync(WorkflowHarness h)
    {
        await h.SeedAsync();
        var people = new ScriptedPeople(h) { CheckIns = (_, _) => Reply.Never };
        await h.Service.StartAssignmentAsync("r1", "v1");
        return people;
    }
}
