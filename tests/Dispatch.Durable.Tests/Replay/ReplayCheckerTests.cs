using Dispatch.Durable.Client;
using Dispatch.Durable.Testing;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Replay;

public sealed class ReplayCheckerTests
{
    private static string HistoriesDirectory => Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "Dispatch.Durable.Tests", "Histories");

    [Fact]
    public async Task ReplayDirectoryAsync_RecordedHistories_ReplayWithCurrentCode()
    {
        var checker = new ReplayChecker(RecordedOrchestrators.Register);

        var replayed = await checker.ReplayDirectoryAsync(HistoriesDirectory);

        replayed.Select(h => h.Name).Order(StringComparer.Ordinal).ShouldBe(["MonthlyCheckIn", "ReviewRound", "RotationCycle"]);
        replayed.ShouldAllBe(h => h.Events.Count > 8);
    }

    [Fact]
    public async Task Replay_OrchestratorChangedOnPurpose_NamesFirstMismatch()
    {
        var history = await RecordedHistory.LoadAsync(Path.Combine(HistoriesDirectory, "monthly-check-in.json"));
        var checker = new ReplayChecker(r => r.AddOrchestratorFunc<int, int>("MonthlyCheckIn", async (ctx, months) =>
        {
            // The change: the activity was renamed, as a careless refactoring would.
            for (var month = 1; month <= months; month++)
            {
                await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMonths(1), CancellationToken.None);
                try
                {
                    await ctx.WaitForExternalEvent<string>("Report", TimeSpan.FromDays(7));
                }
                catch (TaskCanceledException)
                {
                }

                await ctx.CallActivityAsync<string>("RecordAttendance", month);
            }

            return 0;
        }));

        var ex = Should.Throw<NonDeterministicOrchestrationException>(() => checker.Replay(history));

        ex.InstanceId.ShouldBe("monthly-check-in");
        ex.Expected.ShouldBe("TaskScheduled 'RecordCheckIn' (task id 2)");
        ex.Actual.ShouldBe("took TaskScheduled 'RecordAttendance' (task id 2)");
        history.Events[ex.SequenceNumber].EventType.ShouldBe(HistoryEventType.TaskScheduled);
        ex.Message.ShouldContain($"instance 'monthly-check-in' at history sequence number {ex.SequenceNumber}");
    }

    [Fact]
    public async Task Replay_OrchestratorThatStopsEarly_ReportsMissingAction()
    {
        var history = await RecordedHistory.LoadAsync(Path.Combine(HistoriesDirectory, "review-round.json"));
        var checker = new ReplayChecker(r => r.AddOrchestratorFunc<string[], int>("ReviewRound", async (ctx, members) =>
        {
            var scores = await Task.WhenAll(members.Select(m => ctx.CallActivityAsync<int>("ScoreMember", m)));
            return scores.Sum();
        }));

        var ex = Should.Throw<NonDeterministicOrchestrationException>(() => checker.Replay(history));

        ex.Expected.ShouldStartWith("SubOrchestrationInstanceCreated 'ScoreReview'");
        ex.Actual.ShouldBe("completed without taking that action");
    }

    [Fact]
    public async Task Replay_OrchestratorThatDoesMoreAfterCompletion_ReportsExtraAction()
    {
        var history = await RecordedHistory.LoadAsync(Path.Combine(HistoriesDirectory, "rotation-cycle.json"));
        var checker = new ReplayChecker(r => r.AddOrchestratorFunc<int, int>("RotationCycle", async (ctx, cycle) =>
        {
            await ctx.WaitForExternalEvent<string>("Decision");
            await ctx.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
            await ctx.CallActivityAsync<int>("Archive", cycle);
            return cycle;
        }));

        var ex = Should.Throw<NonDeterministicOrchestrationException>(() => checker.Replay(history));

        ex.Expected.ShouldBe("ExecutionCompleted");
        ex.Actual.ShouldBe("took TaskScheduled 'Archive' (task id 1)");
    }

    /// <summary>
    /// Re-records <c>Histories/*.json</c> when DISPATCH_RECORD_HISTORIES=1; otherwise checks that a fresh run
    /// produces the recorded event sequence (same kinds and names), so the recordings stay representative.
    /// </summary>
    [Fact]
    public async Task Record_FreshRuns_MatchRecordedEventSequence()
    {
        var record = Environment.GetEnvironmentVariable("DISPATCH_RECORD_HISTORIES") == "1";
        foreach (var (file, history) in await RecordAllAsync())
        {
            var path = Path.Combine(HistoriesDirectory, file);
            if (record)
            {
                await File.WriteAllTextAsync(path, history.ToJson() + "\n");
                continue;
            }

            var stored = await RecordedHistory.LoadAsync(path);
            stored.Events.Select(e => (e.EventType, e.Name)).ShouldBe(history.Events.Select(e => (e.EventType, e.Name)), file);
        }
    }

    private static async Task<List<(string File, RecordedHistory History)>> RecordAllAsync()
    {
        var attempts = 0;
        await using var host = await DurableTestHost.StartAsync(
            r =>
            {
                RecordedOrchestrators.Register(r);
                RecordedOrchestrators.RegisterActivities(r, () => ++attempts);
            },
            new DurableTestHostOptions { TimeProvider = new FakeTimeProvider() });
        var client = host.Client;

        await client.ScheduleNewOrchestrationInstanceAsync("MonthlyCheckIn", 3, new StartOrchestrationOptions("monthly-check-in"));
        await host.AdvanceAsync(TimeSpan.FromDays(33));
        await client.RaiseEventAsync("monthly-check-in", "Report", "all good");
        var checkIn = await host.RunToCompletionAsync("monthly-check-in");
        checkIn.ReadOutputAs<int>().ShouldBe(1);

        await client.ScheduleNewOrchestrationInstanceAsync("ReviewRound", new[] { "王芳", "Li Wei", "张三丰" }, new StartOrchestrationOptions("review-round"));
        (await host.RunToCompletionAsync("review-round")).ReadOutputAs<int>().ShouldBe(2 * (2 + 6 + 3));

        await client.ScheduleNewOrchestrationInstanceAsync("RotationCycle", 1, new StartOrchestrationOptions("rotation-cycle"));
        await host.RunUntilIdleAsync();
        await client.RaiseEventAsync("rotation-cycle", "Decision", "extend");
        await host.RunUntilIdleAsync();
        await client.RaiseEventAsync("rotation-cycle", "Decision", "rotate");
        var rotation = await host.RunToCompletionAsync("rotation-cycle");
        rotation.ReadOutputAs<int>().ShouldBe(2);

        return
        [
            ("monthly-check-in.json", await RecordedHistory.CaptureAsync(client, "monthly-check-in")),
            ("review-round.json", await RecordedHistory.CaptureAsync(client, "review-round")),
            ("rotation-cycle.json", await RecordedHistory.CaptureAsync(client, "rotation-cycle")),
        ];
    }
}
