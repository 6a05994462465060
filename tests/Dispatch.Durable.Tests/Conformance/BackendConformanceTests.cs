using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.Durable.Tests.Conformance;

/// <summary>
/// The behaviour every backend must show, end to end through the public API. A backend's test class
/// derives from this and supplies <see cref="CreateBackend"/>; the Table backend runs it over Azurite.
/// </summary>
public abstract partial class BackendConformanceTests
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Creates a fresh, empty backend on the given clock.</summary>
    protected abstract IOrchestrationBackend CreateBackend(TimeProvider timeProvider);

    protected Task<DurableTestHost> StartHostAsync(Action<DurableTaskRegistry> configure, Action<DurableTestHostOptions>? options = null)
    {
        var o = new DurableTestHostOptions { TimeProvider = Clock, Backend = CreateBackend };
        options?.Invoke(o);
        return DurableTestHost.StartAsync(configure, o);
    }

    // ---- Start, get, wait ------------------------------------------------------------------------

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_ActivityChain_CompletesWithOutput()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<string, string>("Hello", (_, name) => $"Hello {name}")
            .AddOrchestratorFunc<string, string[]>("Greet", async (ctx, name) =>
            [
                await ctx.CallActivityAsync<string>("Hello", name),
                await ctx.CallActivityAsync<string>("Hello", name + "2"),
            ]));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greet", "Tokyo");
        var done = await host.RunToCompletionAsync(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string[]>().ShouldBe(["Hello Tokyo", "Hello Tokyo2"]);
        done.ReadInputAs<string>().ShouldBe("Tokyo");
        done.Name.ShouldBe("Greet");
        done.CompletedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_BeforeWorkerRuns_IsPending()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop", new StartOrchestrationOptions("fixed-id"));
        var pending = await host.Client.GetInstanceAsync(id);
        var started = await host.Client.WaitForInstanceStartAsync(id);

        id.ShouldBe("fixed-id");
        pending!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        started.RuntimeStatus.ShouldNotBe(OrchestrationRuntimeStatus.Pending);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_StartAt_StartsOnlyWhenDue()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<DateTime>("Now", ctx => Task.FromResult(ctx.CurrentUtcDateTime)));
        var startAt = Start.AddDays(90);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Now", new StartOrchestrationOptions(StartAt: startAt));
        await host.AdvanceAsync(TimeSpan.FromDays(89));
        var before = await host.Client.GetInstanceAsync(id);
        var done = await host.RunToCompletionAsync(id);

        before!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        before.ScheduledStartAt.ShouldBe(startAt);
        done.ReadOutputAs<DateTime>().ShouldBe(startAt.UtcDateTime);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_RunningIdWithDefaultDedupe_ThrowsAlreadyExists()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("go")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("dup"));
        await host.RunUntilIdleAsync();

        var ex = await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("dup")));

        ex.InstanceId.ShouldBe("dup");
        ex.Status.ShouldBe(OrchestrationRuntimeStatus.Running);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_EmptyDedupeStatuses_ReplacesRunningInstance()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("go"))
            .AddOrchestratorFunc<string>("Quick", _ => Task.FromResult("quick")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("dup"));
        await host.RunUntilIdleAsync();

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", new StartOrchestrationOptions("dup") { DedupeStatuses = [] });
        var done = await host.RunToCompletionAsync("dup");

        done.Name.ShouldBe("Quick");
        done.ReadOutputAs<string>().ShouldBe("quick");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_CompletedIdWithDefaultDedupe_StartsAgain()
    {
        var runs = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Count", (_, _) => ++runs)
            .AddOrchestratorFunc<int>("Once", ctx => ctx.CallActivityAsync<int>("Count")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", new StartOrchestrationOptions("again"));
        await host.RunToCompletionAsync("again");

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", new StartOrchestrationOptions("again"));
        var second = await host.RunToCompletionAsync("again");

        second.ReadOutputAs<int>().ShouldBe(2);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_InvalidInstanceId_ThrowsArgumentException()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1)));

        var ex = await Should.ThrowAsync<ArgumentException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Noop", new StartOrchestrationOptions("a/b")));

        ex.Message.ShouldContain("a/b");
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutInputsAndOutputs_HidesPayloads()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, int>("Echo", (_, x) => Task.FromResult(x)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", 7);
        await host.RunUntilIdleAsync();

        var bare = await host.Client.GetInstanceAsync(id);
        var full = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var unknown = await host.Client.GetInstanceAsync("nobody");

        bare!.SerializedOutput.ShouldBeNull();
        Should.Throw<InvalidOperationException>(() => bare.ReadOutputAs<int>());
        full!.ReadOutputAs<int>().ShouldBe(7);
        full.ReadInputAs<int>().ShouldBe(7);
        unknown.ShouldBeNull();
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_Completed_ListsEventsInOrder()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
            .AddOrchestratorFunc<int, int>("One", (ctx, x) => ctx.CallActivityAsync<int>("Inc", x)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("One", 1);
        await host.RunToCompletionAsync(id);

        var history = await host.Client.GetOrchestrationHistoryAsync(id);
        var types = history.Select(e => e.EventType).Where(t => t is not HistoryEventType.OrchestratorStarted and not HistoryEventType.OrchestratorCompleted).ToList();

        types.ShouldBe([HistoryEventType.ExecutionStarted, HistoryEventType.TaskScheduled, HistoryEventType.TaskCompleted, HistoryEventType.ExecutionCompleted]);
        history.Single(e => e.EventType == HistoryEventType.TaskCompleted).Result.ShouldBe("2");
        (await host.Client.GetOrchestrationHistoryAsync("nobody")).ShouldBeEmpty();
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_WaitsForeverWithoutEvent_ThrowsInTestHost()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("never")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => host.Client.WaitForInstanceCompletionAsync(id));

        ex.Message.ShouldContain(id);
    }

    // ---- Activities, failures, retries ------------------------------------------------------------

    [Fact]
    public async Task CallActivityAsync_ActivityThrows_SurfacesTaskFailedExceptionWithDetails()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Boom", int (_, _) => throw new InvalidOperationException("no quota"))
            .AddOrchestratorFunc<string>("Catch", async ctx =>
            {
                try
                {
                    await ctx.CallActivityAsync<int>("Boom");
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}|{ex.FailureDetails.ErrorType}|{ex.FailureDetails.ErrorMessage}|{ex.FailureDetails.IsCausedBy<InvalidOperationException>()}";
                }
            }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Catch"));

        done.ReadOutputAs<string>().ShouldBe("Boom|System.InvalidOperationException|no quota|True");
    }

    [Fact]
    public async Task CallActivityAsync_UnhandledFailure_FailsInstanceWithFailureDetails()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Boom", int (_, _) => throw new InvalidOperationException("no quota"))
            .AddOrchestratorFunc<int>("Fail", ctx => ctx.CallActivityAsync<int>("Boom")));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Fail"));

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe(typeof(TaskFailedException).FullName);
        done.FailureDetails.InnerFailure!.ErrorMessage.ShouldBe("no quota");
    }

    [Fact]
    public async Task CallActivityAsync_UnknownActivity_FailsWithActivityTaskNotFound()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Missing", ctx => ctx.CallActivityAsync<int>("Nope")));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Missing"));

        done.FailureDetails!.InnerFailure!.ErrorType.ShouldBe("ActivityTaskNotFound");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_UnknownOrchestrator_FailsWithOrchestratorTaskNotFound()
    {
        await using var host = await StartHostAsync(_ => { });

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Ghost"));

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe("OrchestratorTaskNotFound");
    }

    [Fact]
    public async Task CallActivityAsync_RetryPolicy_RetriesAfterDurableBackoff()
    {
        var attempts = new List<DateTimeOffset>();
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Flaky", (_, _) =>
            {
                attempts.Add(Clock.GetUtcNow());
                return attempts.Count < 3 ? throw new TimeoutException("try later") : 42;
            })
            .AddOrchestratorFunc<int>("Retry", ctx => ctx.CallActivityAsync<int>("Flaky", null, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromMinutes(1), 2.0)))));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry");
        var done = await host.RunToCompletionAsync(id);
        var timers = (await host.Client.GetOrchestrationHistoryAsync(id)).Where(e => e.EventType == HistoryEventType.TimerCreated).ToList();

        done.ReadOutputAs<int>().ShouldBe(42);
        attempts.ShouldBe([Start, Start.AddMinutes(1), Start.AddMinutes(3)]);
        timers.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CallActivityAsync_RetriesExhausted_FailsWithLastFailure()
    {
        var attempts = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Down", int (_, _) => throw new TimeoutException($"attempt {++attempts}"))
            .AddOrchestratorFunc<int>("Retry", ctx => ctx.CallActivityAsync<int>("Down", null, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(10))))));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry"));

        attempts.ShouldBe(3);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.InnerFailure!.ErrorMessage.ShouldBe("attempt 3");
    }

    [Fact]
    public async Task CallActivityAsync_RetryHandler_DecidesFromFailure()
    {
        var attempts = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Down", (_, _) => ++attempts < 4 ? throw new TimeoutException("later") : attempts)
            .AddOrchestratorFunc<int>("Retry", ctx => ctx.CallActivityAsync<int>("Down", null, TaskOptions.FromRetryHandler(async rc =>
            {
                await rc.OrchestrationContext.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return rc.LastFailure.IsCausedBy<TimeoutException>() && rc.LastAttemptNumber < 5;
            }))));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Retry"));

        done.ReadOutputAs<int>().ShouldBe(4);
        host.UtcNow.ShouldBe(Start.AddHours(3));
    }

    [Fact]
    public async Task CallActivityAsync_ActivityFromDependencyInjection_GetsServices()
    {
        await using var host = await StartHostAsync(
            r => r.AddActivity<GreetingActivity>().AddOrchestratorFunc<string>("UseDi", ctx => ctx.CallActivityAsync<string>(nameof(GreetingActivity), "Li")),
            o => o.ConfigureServices = s => s.AddSingleton(new GreetingFormat("您好，{0}")));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("UseDi"));

        done.ReadOutputAs<string>().ShouldBe("您好，Li");
    }

    [Fact]
    public async Task CallActivityAsync_FanOutFanIn_ReturnsEveryResult()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, x) => x * x)
            .AddOrchestratorFunc<int>("Fan", async ctx =>
            {
                var results = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => ctx.CallActivityAsync<int>("Square", i)));
                return results.Sum();
            }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Fan"));

        done.ReadOutputAs<int>().ShouldBe(Enumerable.Range(1, 20).Sum(i => i * i));
    }

    // ---- Timers --------------------------------------------------------------------------------

    [Fact]
    public async Task CreateTimer_TwoYearsOfMonthlyTimers_SkipsTimeInOneTest()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("CheckIn", (_, month) => month)
            .AddOrchestratorFunc<int>("Term", async ctx =>
            {
                var sum = 0;
                for (var month = 1; month <= 24; month++)
                {
                    await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMonths(1), CancellationToken.None);
                    sum += await ctx.CallActivityAsync<int>("CheckIn", month);
                }

                return sum;
            }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Term"));

        done.ReadOutputAs<int>().ShouldBe(300);
        host.UtcNow.ShouldBe(Start.AddMonths(24));
    }

    [Fact]
    public async Task CreateTimer_TwoYearTimer_IsOneDueTimeRow()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<DateTime>("Long", async ctx =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(730), CancellationToken.None);
            return ctx.CurrentUtcDateTime;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Long");
        await host.RunUntilIdleAsync();

        var waiting = await host.Client.GetInstanceAsync(id);
        var done = await host.RunToCompletionAsync(id);
        var timers = (await host.Client.GetOrchestrationHistoryAsync(id)).Count(e => e.EventType == HistoryEventType.TimerCreated);

        waiting!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        done.ReadOutputAs<DateTime>().ShouldBe(Start.AddDays(730).UtcDateTime);
        timers.ShouldBe(1);
    }

    [Fact]
    public async Task CreateTimer_PendingUncancelledTimer_InstanceDoesNotCompleteUntilItFires()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Forget", ctx =>
        {
            _ = ctx.CreateTimer(TimeSpan.FromDays(10), CancellationToken.None);
            return Task.FromResult("returned early");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forget");

        await host.AdvanceAsync(TimeSpan.FromDays(9));
        var before = await host.Client.GetInstanceAsync(id);
        await host.AdvanceAsync(TimeSpan.FromDays(1));
        var after = await host.Client.GetInstanceAsync(id, true);

        before!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        after!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        after.ReadOutputAs<string>().ShouldBe("returned early");
    }

    [Fact]
    public async Task CreateTimer_CancelledTimer_DoesNotHoldInstance()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Cancel", async ctx =>
        {
            using var cts = new CancellationTokenSource();
            var timer = ctx.CreateTimer(TimeSpan.FromDays(10), cts.Token);
            await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
            cts.Cancel();
            try
            {
                await timer;
                return "fired";
            }
            catch (TaskCanceledException)
            {
                return "cancelled";
            }
        }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Cancel"));

        done.ReadOutputAs<string>().ShouldBe("cancelled");
        done.CompletedAt.ShouldBe(Start.AddDays(1));
    }

    // ---- External events -----------------------------------------------------------------------

    [Fact]
    public async Task WaitForExternalEvent_RaisedBeforeWait_IsBuffered()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Late", async ctx =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
            return await ctx.WaitForExternalEvent<string>("Answer");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late");
        await host.RunUntilIdleAsync();

        await host.Client.RaiseEventAsync(id, "Answer", "early bird");
        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().ShouldBe("early bird");
    }

    [Fact]
    public async Task WaitForExternalEvent_NameInOtherCase_Matches()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Case", ctx => ctx.WaitForExternalEvent<int>("Approval")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Case");
        await host.RunUntilIdleAsync();

        await host.Client.RaiseEventAsync(id, "APPROVAL", 5);
        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<int>().ShouldBe(5);
    }

    [Fact]
    public async Task WaitForExternalEvent_TwoWaiters_NewestWaiterGetsFirstEvent()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Lifo", async ctx =>
        {
            var older = ctx.WaitForExternalEvent<string>("e");
            var newer = ctx.WaitForExternalEvent<string>("e");
            var first = await Task.WhenAny(older, newer);
            var firstName = first == newer ? "newer" : "older";
            return $"{firstName}:{await first}|{await older}|{await newer}";
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Lifo");
        await host.RunUntilIdleAsync();

        await host.Client.RaiseEventAsync(id, "e", "one");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(id, "e", "two");
        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().ShouldBe("newer:one|two|one");
    }

    [Fact]
    public async Task WaitForExternalEvent_WaitersOfDifferentTypes_ThrowsArgumentException()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Types", ctx =>
        {
            _ = ctx.WaitForExternalEvent<int>("e");
            _ = ctx.WaitForExternalEvent<string>("e");
            return Task.FromResult("unreachable");
        }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Types"));

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe(typeof(ArgumentException).FullName);
    }

    [Fact]
    public async Task WaitForExternalEvent_TimeoutExpires_ThrowsTaskCanceledException()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Timeout", async ctx =>
        {
            try
            {
                return await ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromDays(7));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Timeout"));

        done.ReadOutputAs<string>().ShouldBe("timed out");
        done.CompletedAt.ShouldBe(Start.AddDays(7));
    }

    [Fact]
    public async Task WaitForExternalEvent_EventBeforeTimeout_CancelsTimerAndCompletesAtOnce()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Timeout", ctx => ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromDays(30))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Timeout");
        await host.AdvanceAsync(TimeSpan.FromDays(1));

        await host.Client.RaiseEventAsync(id, "Reply", "yes");
        await host.RunUntilIdleAsync();
        var done = await host.Client.GetInstanceAsync(id, true);
        var claim = await host.Backend.ClaimDueWorkAsync("probe", 10, 10, TimeSpan.FromMinutes(1));

        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("yes");
        done.CompletedAt.ShouldBe(Start.AddDays(1));
        claim.NextDueAt.ShouldBeNull();
    }

    [Fact]
    public async Task WaitForExternalEvent_CancelledWaiter_DoesNotSwallowLaterEvent()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Repeat", async ctx =>
        {
            for (var i = 0; i < 3; i++)
            {
                try
                {
                    return await ctx.WaitForExternalEvent<string>("Reply", TimeSpan.FromDays(1));
                }
                catch (TaskCanceledException)
                {
                    ctx.SetCustomStatus($"timeout {i + 1}");
                }
            }

            return await ctx.WaitForExternalEvent<string>("Reply");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Repeat");
        await host.AdvanceAsync(TimeSpan.FromDays(3));

        await host.Client.RaiseEventAsync(id, "Reply", "finally");
        var done = await host.RunToCompletionAsync(id);

        done.ReadCustomStatusAs<string>().ShouldBe("timeout 3");
        done.ReadOutputAs<string>().ShouldBe("finally");
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownOrFinishedInstance_IsDropped()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1)));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        await host.RunToCompletionAsync(id);

        await host.Client.RaiseEventAsync("nobody", "e", 1);
        await host.Client.RaiseEventAsync(id, "e", 1);
        await host.RunUntilIdleAsync();

        (await host.Client.GetInstanceAsync(id))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        (await host.Client.GetInstanceAsync("nobody")).ShouldBeNull();
    }

    [Fact]
    public async Task SendEvent_ToAnotherInstance_IsReceived()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<string>("Receiver", ctx => ctx.WaitForExternalEvent<string>("Ping"))
            .AddOrchestratorFunc<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "Ping", "from sender");
                return Task.FromResult("sent");
            }));
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver");
        await host.RunUntilIdleAsync();

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver);
        var done = await host.RunToCompletionAsync(receiver);

        done.ReadOutputAs<string>().ShouldBe("from sender");
    }

    // ---- Sub-orchestrations --------------------------------------------------------------------

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildWithInstanceId_ReturnsOutputAndKnowsParent()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int, string>("Child", (ctx, x) => Task.FromResult($"{x * 10} from {ctx.Parent?.InstanceId}"))
            .AddOrchestratorFunc<string>("Parent", ctx => ctx.CallSubOrchestratorAsync<string>("Child", 4, new SubOrchestrationOptions(instanceId: "child-1"))));

        var parent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", new StartOrchestrationOptions("parent-1"));
        var done = await host.RunToCompletionAsync(parent);
        var child = await host.Client.GetInstanceAsync("child-1");

        done.ReadOutputAs<string>().ShouldBe("40 from parent-1");
        child!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        child.Parent!.InstanceId.ShouldBe("parent-1");
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_ChildFails_SurfacesTaskFailedException()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Child", _ => throw new InvalidOperationException("child broke"))
            .AddOrchestratorFunc<string>("Parent", async ctx =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Child");
                    return "ok";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent"));

        done.ReadOutputAs<string>().ShouldBe("Child: child broke");
    }

    [Fact]
    public async Task CallSubOrchestratorAsync_FailingChildWithRetry_RetriesChild()
    {
        var runs = 0;
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Count", (_, _) => ++runs)
            .AddOrchestratorFunc<int>("Child", async ctx =>
            {
                var run = await ctx.CallActivityAsync<int>("Count");
                return run < 2 ? throw new InvalidOperationException("first run fails") : run;
            })
            .AddOrchestratorFunc<int>("Parent", ctx => ctx.CallSubOrchestratorAsync<int>("Child", null, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMinutes(5))))));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent"));

        done.ReadOutputAs<int>().ShouldBe(2);
    }

    // ---- Continue-as-new -----------------------------------------------------------------------

    [Fact]
    public async Task ContinueAsNew_Loop_CarriesInputAndResetsHistory()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, int>("Loop", async (ctx, n) =>
        {
            await ctx.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
            if (n < 5)
            {
                ctx.ContinueAsNew(n + 1);
            }

            return n;
        }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Loop", 1);
        var done = await host.RunToCompletionAsync(id);
        var history = await host.Client.GetOrchestrationHistoryAsync(id);

        done.ReadOutputAs<int>().ShouldBe(5);
        done.Generation.ShouldBe(4);
        history.Count(e => e.EventType == HistoryEventType.TimerCreated).ShouldBe(1);
        host.UtcNow.ShouldBe(Start.AddDays(150));
    }

    [Fact]
    public async Task ContinueAsNew_EventsRacingTheContinue_AreAllDelivered()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int, int>("Counter", async (ctx, total) =>
        {
            var value = await ctx.WaitForExternalEvent<int>("Add");
            if (value < 0)
            {
                return total;
            }

            ctx.ContinueAsNew(total + value);
            return 0;
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Counter", 0);
        await host.RunUntilIdleAsync();

        // All ten land in one batch: the first triggers the continue, the rest must reach later executions.
        for (var i = 1; i <= 10; i++)
        {
            await host.Client.RaiseEventAsync(id, "Add", i);
        }

        await host.Client.RaiseEventAsync(id, "Add", -1);
        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<int>().ShouldBe(55);
        done.Generation.ShouldBe(10);
    }

    [Fact]
    public async Task ContinueAsNew_EventArrivesWhileContinueCommits_IsCarriedOver()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string, string>("Handoff", async (ctx, phase) =>
        {
            if (phase == "first")
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                ctx.ContinueAsNew("second");
                return "continued";
            }

            return await ctx.WaitForExternalEvent<string>("Late");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Handoff", "first");
        await host.RunUntilIdleAsync();

        // The event lands in the same batch as the timer that triggers the continue-as-new.
        Clock.SetUtcNow(Start.AddHours(1));
        await host.Client.RaiseEventAsync(id, "Late", "kept");
        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().ShouldBe("kept");
    }

    [Fact]
    public async Task ContinueAsNew_PreserveUnprocessedEventsFalse_DropsBufferedEvents()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string, string>("Drop", async (ctx, phase) =>
        {
            if (phase == "first")
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                ctx.ContinueAsNew("second", preserveUnprocessedEvents: false);
                return "continued";
            }

            try
            {
                return await ctx.WaitForExternalEvent<string>("Early", TimeSpan.FromDays(1));
            }
            catch (TaskCanceledException)
            {
                return "dropped";
            }
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drop", "first");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(id, "Early", "buffered");
        await host.RunUntilIdleAsync();

        var done = await host.RunToCompletionAsync(id);

        done.ReadOutputAs<string>().ShouldBe("dropped");
    }

    // ---- Terminate, suspend, resume --------------------------------------------------------------

    [Fact]
    public async Task TerminateInstanceAsync_Running_TerminatesWithOutputAndIgnoresLaterResults()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("never", TimeSpan.FromDays(30))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.RunUntilIdleAsync();

        await host.Client.TerminateInstanceAsync(id, "stopped by admin");
        var done = await host.RunToCompletionAsync(id);
        await host.AdvanceAsync(TimeSpan.FromDays(31));
        var later = await host.Client.GetInstanceAsync(id, true);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        done.ReadOutputAs<string>().ShouldBe("stopped by admin");
        later!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesRunningChild()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Child", ctx => ctx.WaitForExternalEvent<int>("never"))
            .AddOrchestratorFunc<int>("Parent", ctx => ctx.CallSubOrchestratorAsync<int>("Child", null, new SubOrchestrationOptions(instanceId: "kid"))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent");
        await host.RunUntilIdleAsync();

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("stop", Recursive: true));
        await host.RunUntilIdleAsync();

        (await host.Client.GetInstanceAsync(id))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
        (await host.Client.GetInstanceAsync("kid"))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Terminated);
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventWhileSuspended_IsHeldUntilResume()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Hold", ctx => ctx.WaitForExternalEvent<string>("Go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hold");
        await host.RunUntilIdleAsync();

        await host.Client.SuspendInstanceAsync(id, "holiday");
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(id, "Go", "went");
        await host.RunUntilIdleAsync();
        var suspended = await host.Client.GetInstanceAsync(id);
        await host.Client.ResumeInstanceAsync(id, "back");
        var done = await host.RunToCompletionAsync(id);

        suspended!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Suspended);
        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.ReadOutputAs<string>().ShouldBe("went");
    }

    // ---- Purge ---------------------------------------------------------------------------------

    [Fact]
    public async Task PurgeInstanceAsync_Completed_DeletesInstanceAndHistory()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1))
            .AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("never")));
        var done = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.RunUntilIdleAsync();

        var purged = await host.Client.PurgeInstanceAsync(done);
        var notPurged = await host.Client.PurgeInstanceAsync(running);
        var unknown = await host.Client.PurgeInstanceAsync("nobody");

        purged.PurgedInstanceCount.ShouldBe(1);
        notPurged.PurgedInstanceCount.ShouldBe(0);
        unknown.PurgedInstanceCount.ShouldBe(0);
        (await host.Client.GetInstanceAsync(done)).ShouldBeNull();
        (await host.Client.GetOrchestrationHistoryAsync(done)).ShouldBeEmpty();
        await Should.ThrowAsync<ArgumentException>(() => host.Client.PurgeInstanceAsync(running, new PurgeInstanceOptions(Recursive: true)));
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_ByCreatedTimeAndStatus_DeletesOnlyMatches()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1))
            .AddOrchestratorFunc<int>("Boom", _ => throw new InvalidOperationException("x")));
        var old = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        var oldFailed = await host.Client.ScheduleNewOrchestrationInstanceAsync("Boom");
        await host.AdvanceAsync(TimeSpan.FromDays(10));
        var recent = await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        await host.RunUntilIdleAsync();

        var result = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(Start, Start.AddDays(1), [OrchestrationRuntimeStatus.Completed]));

        result.PurgedInstanceCount.ShouldBe(1);
        result.IsComplete.ShouldBeTrue();
        (await host.Client.GetInstanceAsync(old)).ShouldBeNull();
        (await host.Client.GetInstanceAsync(oldFailed)).ShouldNotBeNull();
        (await host.Client.GetInstanceAsync(recent)).ShouldNotBeNull();
    }

    // ---- Queries -------------------------------------------------------------------------------

    [Fact]
    public async Task QueryInstancesAsync_ByNameStatusAndCreatedTime_FiltersAndPages()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1))
            .AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("never")));
        for (var i = 0; i < 5; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop", new StartOrchestrationOptions($"noop-{i}"));
        }

        await host.AdvanceAsync(TimeSpan.FromDays(1));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait", new StartOrchestrationOptions("wait-0"));
        await host.RunUntilIdleAsync();

        var first = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Name = "noop", Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = 2 });
        var all = await host.Client.GetAllInstancesAsync(new OrchestrationQuery { Name = "Noop", PageSize = 2 }).ToListAsync();
        var recent = await host.Client.QueryInstancesAsync(new OrchestrationQuery { CreatedFrom = Start.AddHours(12) });
        var running = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Running] });
        var prefix = await host.Client.QueryInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "noop-3", FetchInputsAndOutputs = true });

        first.Instances.Select(i => i.InstanceId).ShouldBe(["noop-0", "noop-1"]);
        first.ContinuationToken.ShouldNotBeNull();
        all.Select(i => i.InstanceId).ShouldBe(["noop-0", "noop-1", "noop-2", "noop-3", "noop-4"]);
        recent.Instances.Single().InstanceId.ShouldBe("wait-0");
        running.Instances.Single().InstanceId.ShouldBe("wait-0");
        prefix.Instances.Single().ReadOutputAs<int>().ShouldBe(1);
    }

    [Fact]
    public async Task QueryInstancesAsync_ByTagsAndBusinessKeys_FindsWithoutHistory()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string, string>("Assignment", async (ctx, township) =>
        {
            ctx.SetBusinessKey("township", township);
            ctx.SetBusinessKey("stage", "selection");
            await ctx.WaitForExternalEvent<int>("Advance");
            ctx.SetBusinessKey("stage", "handover");
            return await ctx.WaitForExternalEvent<string>("Done");
        }));
        var a = await host.Client.ScheduleNewOrchestrationInstanceAsync("Assignment", "青山镇", new StartOrchestrationOptions("a") { Tags = new Dictionary<string, string> { ["round"] = "2026" } });
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Assignment", "白水镇", new StartOrchestrationOptions("b") { Tags = new Dictionary<string, string> { ["round"] = "2025" } });
        await host.RunUntilIdleAsync();
        await host.Client.RaiseEventAsync(a, "Advance", 1);
        await host.RunUntilIdleAsync();

        var byTag = await host.Client.QueryInstancesAsync(new OrchestrationQuery { Tags = new Dictionary<string, string> { ["round"] = "2026" } });
        var byKey = await host.Client.QueryInstancesAsync(new OrchestrationQuery { BusinessKeys = new Dictionary<string, string> { ["stage"] = "handover" } });
        var byTownship = await host.Client.QueryInstancesAsync(new OrchestrationQuery { BusinessKeys = new Dictionary<string, string> { ["township"] = "白水镇", ["stage"] = "selection" } });

        byTag.Instances.Single().InstanceId.ShouldBe("a");
        byTag.Instances.Single().Tags["round"].ShouldBe("2026");
        byKey.Instances.Single().InstanceId.ShouldBe("a");
        byTownship.Instances.Single().InstanceId.ShouldBe("b");
    }

    [Fact]
    public async Task CountInstancesAsync_MixedStatuses_CountsPerStatus()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestratorFunc<int>("Noop", _ => Task.FromResult(1))
            .AddOrchestratorFunc<int>("Boom", _ => throw new InvalidOperationException("x"))
            .AddOrchestratorFunc<int>("Wait", ctx => ctx.WaitForExternalEvent<int>("never")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Noop");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Boom");
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");
        await host.RunUntilIdleAsync();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Wait");

        var counts = await host.Client.CountInstancesAsync();
        var noops = await host.Client.CountInstancesAsync(new OrchestrationQuery { Name = "Noop" });

        counts[OrchestrationRuntimeStatus.Completed].ShouldBe(2);
        counts[OrchestrationRuntimeStatus.Failed].ShouldBe(1);
        counts[OrchestrationRuntimeStatus.Running].ShouldBe(1);
        counts[OrchestrationRuntimeStatus.Pending].ShouldBe(1);
        noops.ShouldBe(new Dictionary<OrchestrationRuntimeStatus, int> { [OrchestrationRuntimeStatus.Completed] = 2 });
    }

    // ---- Custom status, GUIDs, logging, replay flags -------------------------------------------------

    [Fact]
    public async Task SetCustomStatus_Value_IsVisibleWhileRunning()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<int>("Status", async ctx =>
        {
            ctx.SetCustomStatus(new { stage = "waiting", month = 3 });
            return await ctx.WaitForExternalEvent<int>("never");
        }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Status");
        await host.RunUntilIdleAsync();

        var running = await host.Client.GetInstanceAsync(id, true);

        running!.SerializedCustomStatus.ShouldBe("{\"stage\":\"waiting\",\"month\":3}");
    }

    [Fact]
    public async Task SetCustomStatus_Over16KB_ThrowsArgumentException()
    {
        await using var host = await StartHostAsync(r => r.AddOrchestratorFunc<string>("Big", ctx =>
        {
            ctx.SetCustomStatus(new string('x', 8_000));
            try
            {
                ctx.SetCustomStatus(new string('x', 8_200));
                return Task.FromResult("accepted");
            }
            catch (ArgumentException ex)
            {
                return Task.FromResult(ex.Message);
            }
        }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Big"));

        done.ReadOutputAs<string>()!.ShouldContain("16384");
        done.ReadCustomStatusAs<string>()!.Length.ShouldBe(8_000);
    }

    [Fact]
    public async Task NewGuid_AcrossReplays_IsDeterministicVersion5()
    {
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Nop", (_, x) => x)
            .AddOrchestratorFunc<Guid[]>("Guids", async ctx =>
            {
                var first = ctx.NewGuid();
                if (!ctx.IsReplaying)
                {
                    ctx.SetCustomStatus(first);
                }

                await ctx.CallActivityAsync<int>("Nop", 1);
                return [first, ctx.NewGuid()];
            }));

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Guids", new StartOrchestrationOptions("guid-instance")));
        var guids = done.ReadOutputAs<Guid[]>()!;

        guids[0].ShouldBe(done.ReadCustomStatusAs<Guid>());
        guids[0].ShouldNotBe(guids[1]);
        guids[0].Version.ShouldBe(5);
    }

    [Fact]
    public async Task CreateReplaySafeLogger_ReplayedSteps_LogsEachMessageOnce()
    {
        var provider = new CollectingLoggerProvider();
        await using var host = await StartHostAsync(
            r => r
                .AddActivityFunc<int, int>("Nop", (_, x) => x)
                .AddOrchestratorFunc<int>("Logs", async ctx =>
                {
                    var logger = ctx.CreateReplaySafeLogger("Assignment");
                    for (var i = 0; i < 3; i++)
                    {
                        await ctx.CallActivityAsync<int>("Nop", i);
#pragma warning disable CA1848 // A test of the replay-safe wrapper itself.
                        logger.LogInformation("step {Step}", i);
#pragma warning restore CA1848
                    }

                    return 3;
                }),
            o => o.ConfigureServices = s => s.AddLogging(b => b.AddProvider(provider)));

        await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Logs"));

        provider.Messages.Where(m => m.StartsWith("step", StringComparison.Ordinal)).ShouldBe(["step 0", "step 1", "step 2"]);
    }

    // ---- Versioning ----------------------------------------------------------------------------

    [Fact]
    public async Task Versioning_StrictWorkerWithRejectStrategy_LeavesOtherVersionPending()
    {
        await using var host = await StartHostAsync(
            r => r.AddOrchestratorFunc<string>("V", ctx => Task.FromResult(ctx.Version)),
            o => o.ConfigureWorker = w =>
            {
                w.Versioning.Version = "2.0";
                w.Versioning.MatchStrategy = VersionMatchStrategy.Strict;
            });

        var old = await host.Client.ScheduleNewOrchestrationInstanceAsync("V", new StartOrchestrationOptions { Version = "1.0" });
        var current = await host.Client.ScheduleNewOrchestrationInstanceAsync("V", new StartOrchestrationOptions { Version = "2.0" });
        await host.RunUntilIdleAsync();

        (await host.Client.GetInstanceAsync(old))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        (await host.Client.GetInstanceAsync(current, true))!.ReadOutputAs<string>().ShouldBe("2.0");
    }

    [Fact]
    public async Task Versioning_CurrentOrOlderWithFailStrategy_FailsNewerInstance()
    {
        await using var host = await StartHostAsync(
            r => r.AddOrchestratorFunc<string>("V", ctx => Task.FromResult(ctx.Version)),
            o => o.ConfigureWorker = w =>
            {
                w.Versioning.Version = "2.0";
                w.Versioning.MatchStrategy = VersionMatchStrategy.CurrentOrOlder;
                w.Versioning.FailureStrategy = VersionFailureStrategy.Fail;
            });

        var newer = await host.Client.ScheduleNewOrchestrationInstanceAsync("V", new StartOrchestrationOptions { Version = "3.0" });
        var older = await host.Client.ScheduleNewOrchestrationInstanceAsync("V", new StartOrchestrationOptions { Version = "1.5" });
        await host.RunUntilIdleAsync();

        var failed = await host.Client.GetInstanceAsync(newer);
        failed!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        failed.FailureDetails!.ErrorMessage.ShouldContain("'3.0'");
        (await host.Client.GetInstanceAsync(older))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
    }

    [Fact]
    public async Task ContinueAsNew_NewVersion_RunsTheNewVersionRegistration()
    {
        await using var host = await StartHostAsync(r => r
            .AddOrchestrator("Cycle", "1", _ => new CycleV1())
            .AddOrchestrator("Cycle", "2", _ => new CycleV2()));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Cycle", 1, new StartOrchestrationOptions { Version = "1" });
        var done = await host.RunToCompletionAsync(id);

        done.Version.ShouldBe("2");
        done.ReadOutputAs<string>().ShouldBe("v2 got 2");
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoVersion_UsesWorkerDefaultVersion()
    {
        await using var host = await StartHostAsync(
            r => r.AddOrchestratorFunc<string>("V", ctx => Task.FromResult($"{ctx.Version}:{ctx.CompareVersionTo("1.10")}")),
            o => o.ConfigureWorker = w => w.Versioning.DefaultVersion = "1.9");

        var done = await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("V"));

        done.ReadOutputAs<string>().ShouldBe("1.9:-1");
    }

    [Fact]
    public async Task Replay_OrchestratorChangesBehaviour_FailsInstanceNamingMismatch()
    {
        var changed = false;
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("A", (_, x) => x)
            .AddActivityFunc<int, int>("B", (_, x) => x)
            .AddOrchestratorFunc<int>("Drift", async ctx =>
            {
                await ctx.CallActivityAsync<int>(changed ? "B" : "A", 1);
                return await ctx.WaitForExternalEvent<int>("Go");
            }),
            // A deployment restarts the process, so nothing stays cached: the new code must replay history.
            o => o.ConfigureWorker = w => w.HistoryCacheSize = 0);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Drift", new StartOrchestrationOptions("drifter"));
        await host.RunUntilIdleAsync();

        changed = true;
        await host.Client.RaiseEventAsync(id, "Go", 1);
        var done = await host.RunToCompletionAsync(id);

        done.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Failed);
        done.FailureDetails!.ErrorType.ShouldBe(typeof(NonDeterministicOrchestrationException).FullName);
        done.FailureDetails.ErrorMessage.ShouldContain("'drifter'");
        done.FailureDetails.ErrorMessage.ShouldContain("TaskScheduled 'A'");
        done.FailureDetails.ErrorMessage.ShouldContain("TaskScheduled 'B'");
        done.FailureDetails.ErrorMessage.ShouldContain("sequence number 2");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000)]
    public async Task HistoryCache_WithOrWithoutLiveSessions_ProducesSameHistory(int cacheSize)
    {
        await using var host = await StartHostAsync(
            r => r
                .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
                .AddOrchestratorFunc<int>("Mixed", async ctx =>
                {
                    var value = await ctx.CallActivityAsync<int>("Inc", 0);
                    await ctx.CreateTimer(TimeSpan.FromDays(3), CancellationToken.None);
                    var parts = await Task.WhenAll(ctx.CallActivityAsync<int>("Inc", value), ctx.CallActivityAsync<int>("Inc", value + 1));
                    ctx.SetBusinessKey("stage", "end");
                    var bonus = await ctx.WaitForExternalEvent<int>("Bonus", TimeSpan.FromDays(1));
                    return parts.Sum() + bonus + ctx.NewGuid().ToString().Length;
                }),
            o => o.ConfigureWorker = w => w.HistoryCacheSize = cacheSize);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Mixed", new StartOrchestrationOptions("mixed"));
        await host.AdvanceAsync(TimeSpan.FromDays(3));

        await host.Client.RaiseEventAsync(id, "Bonus", 100);
        var done = await host.RunToCompletionAsync(id);
        var history = await host.Client.GetOrchestrationHistoryAsync(id);

        done.ReadOutputAs<int>().ShouldBe(2 + 3 + 100 + 36);
        done.BusinessKeys["stage"].ShouldBe("end");
        // The two parallel activities may finish in either order; either way their results reach one step.
        var events = history.Select(e => $"{e.EventType}:{e.EventId}:{e.Name}:{e.TaskScheduledId}").ToList();
        var third = events.IndexOf("TaskCompleted:-1::3");
        if (third >= 0 && third + 1 < events.Count && events[third + 1] == "TaskCompleted:-1::2")
        {
            (events[third], events[third + 1]) = (events[third + 1], events[third]);
        }

        events.ShouldBe(
        [
            "OrchestratorStarted:-1::", "ExecutionStarted:-1:Mixed:", "TaskScheduled:0:Inc:", "OrchestratorCompleted:-1::",
            "OrchestratorStarted:-1::", "TaskCompleted:-1::0", "TimerCreated:1::", "OrchestratorCompleted:-1::",
            "OrchestratorStarted:-1::", "TimerFired:-1::1", "TaskScheduled:2:Inc:", "TaskScheduled:3:Inc:", "OrchestratorCompleted:-1::",
            "OrchestratorStarted:-1::", "TaskCompleted:-1::2", "TaskCompleted:-1::3", "TimerCreated:4::", "OrchestratorCompleted:-1::",
            "OrchestratorStarted:-1::", "EventRaised:-1:Bonus:", "ExecutionCompleted:-1::", "OrchestratorCompleted:-1::",
        ]);
    }

    [Fact]
    public async Task ActivityContext_TaskIdAndInstanceId_IdentifyTheCall()
    {
        var seen = new List<string>();
        await using var host = await StartHostAsync(r => r
            .AddActivityFunc<int, int>("Effect", (ctx, x) =>
            {
                seen.Add($"{ctx.InstanceId}/{ctx.TaskId}/{ctx.Name}");
                return x;
            })
            .AddOrchestratorFunc<int>("Effects", async ctx => await ctx.CallActivityAsync<int>("Effect", 1) + await ctx.CallActivityAsync<int>("Effect", 2)));

        await host.RunToCompletionAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Effects", new StartOrchestrationOptions("fx")));

        seen.ShouldBe(["fx/0/Effect", "fx/1/Effect"]);
    }
}
