using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.InMemory;
using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;
using Dispatch.Durable.Worker.Execution;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Durable.Tests;

public sealed class EngineUnitTests
{
    [Theory]
    [InlineData(0, 1.0, 1.0)]
    [InlineData(1, 0.5, 1.0)]
    public void RetryPolicy_InvalidValues_ThrowNamingTheParameter(int attempts, double coefficient, double firstSeconds)
    {
        var ex = Should.Throw<ArgumentOutOfRangeException>(() => new RetryPolicy(attempts, TimeSpan.FromSeconds(firstSeconds), coefficient));

        ex.ParamName.ShouldBe(attempts < 1 ? "maxNumberOfAttempts" : "backoffCoefficient");
    }

    [Fact]
    public void RetryPolicy_Backoff_GrowsCapsAndStopsAtTimeout()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromMinutes(1), 3.0, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(20));

        policy.GetNextDelay(1, TimeSpan.Zero).ShouldBe(TimeSpan.FromMinutes(1));
        policy.GetNextDelay(2, TimeSpan.FromMinutes(1)).ShouldBe(TimeSpan.FromMinutes(3));
        policy.GetNextDelay(3, TimeSpan.FromMinutes(4)).ShouldBe(TimeSpan.FromMinutes(5));
        policy.GetNextDelay(4, TimeSpan.FromMinutes(16)).ShouldBeNull();
        policy.GetNextDelay(10, TimeSpan.Zero).ShouldBeNull();
        Should.Throw<ArgumentOutOfRangeException>(() => new RetryPolicy(3, TimeSpan.FromMinutes(2), maxRetryInterval: TimeSpan.FromMinutes(1))).ParamName.ShouldBe("maxRetryInterval");
    }

    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "1", -1)]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("beta", "ALPHA", 1)]
    public void OrchestrationVersion_Compare_FollowsDurableRules(string left, string right, int sign) =>
        Math.Sign(OrchestrationVersion.Compare(left, right)).ShouldBe(sign);

    [Fact]
    public void DeterministicGuid_KnownRfc4122Vector_MatchesVersion5()
    {
        var dnsNamespace = new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        DeterministicGuid.Create(dnsNamespace, "python.org").ShouldBe(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"));
    }

    [Fact]
    public void DurableTaskRegistry_DuplicateName_ThrowsArgumentException()
    {
        var registry = new DurableTaskRegistry().AddOrchestratorFunc<int>("Same", _ => Task.FromResult(1));

        Should.Throw<ArgumentException>(() => registry.AddOrchestratorFunc<int>("SAME", _ => Task.FromResult(2))).Message.ShouldContain("SAME");
        registry.FindOrchestrator("same", "9").ShouldNotBeNull();
    }

    [Fact]
    public void DurableTaskWorkerOptions_InvalidPoll_ThrowsNamingSetting()
    {
        var options = new DurableTaskWorkerOptions { MaxIdlePollInterval = TimeSpan.Zero };

        Should.Throw<ArgumentOutOfRangeException>(options.Validate).ParamName.ShouldBe(nameof(DurableTaskWorkerOptions.MaxIdlePollInterval));
    }

    [Fact]
    public async Task AddDurableTask_DefaultOptions_RegistersClientWorkerAndHostedService()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddDurableTask(o => o.HubName = "hub", r => r.AddOrchestratorFunc<int>("One", _ => Task.FromResult(1)));
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<DurableTaskClient>();
        var hosted = provider.GetServices<IHostedService>().ToList();

        client.Name.ShouldBe("hub");
        provider.GetRequiredService<Backend.IOrchestrationBackend>().ShouldBeOfType<InMemoryOrchestrationBackend>();
        hosted.Single().ShouldBeSameAs(provider.GetRequiredService<DurableTaskWorker>());
    }

    [Fact]
    public async Task DrainDueWorkAsync_TwoWorkersOnOneBackend_RunEveryStepOnce()
    {
        var clock = new FakeTimeProvider();
        var backend = new InMemoryOrchestrationBackend(clock);
        var effects = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Effect", (ctx, x) =>
            {
                effects.AddOrUpdate($"{ctx.InstanceId}/{ctx.TaskId}", 1, (_, n) => n + 1);
                return x + 1;
            })
            .AddOrchestratorFunc<int>("Five", async ctx =>
            {
                var value = 0;
                for (var i = 0; i < 5; i++)
                {
                    value = await ctx.CallActivityAsync<int>("Effect", value);
                }

                return value;
            });
        var services = new ServiceCollection().BuildServiceProvider();
        var a = new DurableTaskWorker(backend, registry, services, new DurableTaskWorkerOptions { WorkerId = "a", MaxInstancesPerClaim = 7 }, clock);
        var b = new DurableTaskWorker(backend, registry, services, new DurableTaskWorkerOptions { WorkerId = "b", MaxInstancesPerClaim = 5 }, clock);
        var client = new BackendDurableTaskClient("hub", backend, JsonDataConverter.Default, clock, null, string.Empty);
        for (var i = 0; i < 200; i++)
        {
            await client.ScheduleNewOrchestrationInstanceAsync("Five", new StartOrchestrationOptions($"i{i:D3}"));
        }

        while (true)
        {
            var results = await Task.WhenAll(Task.Run(() => a.DrainDueWorkAsync(TimeSpan.MaxValue)), Task.Run(() => b.DrainDueWorkAsync(TimeSpan.MaxValue)));
            if (results.All(r => r.OrchestrationSteps + r.ActivitiesExecuted == 0))
            {
                break;
            }
        }

        var counts = await client.CountInstancesAsync();
        counts.ShouldBe(new Dictionary<OrchestrationRuntimeStatus, int> { [OrchestrationRuntimeStatus.Completed] = 200 });
        effects.Count.ShouldBe(1000);
        effects.Values.ShouldAllBe(n => n == 1);
        var outputs = await client.GetAllInstancesAsync(new OrchestrationQuery { FetchInputsAndOutputs = true }).Select(m => m.ReadOutputAs<int>()).ToListAsync();
        outputs.ShouldAllBe(o => o == 5);
    }

    [Fact]
    public async Task DrainDueWorkAsync_ZeroBudget_StopsAfterOneClaimAndSaysSo()
    {
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
                .AddOrchestratorFunc<int>("Two", async ctx => await ctx.CallActivityAsync<int>("Inc", 1) + await ctx.CallActivityAsync<int>("Inc", 2)),
            new DurableTestHostOptions { TimeProvider = new FakeTimeProvider() });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Two");

        var first = await host.Worker.DrainDueWorkAsync(TimeSpan.Zero);
        var rest = await host.RunUntilIdleAsync();

        first.BudgetExhausted.ShouldBeTrue();
        first.Claims.ShouldBe(1);
        first.OrchestrationSteps.ShouldBe(1);
        rest.BudgetExhausted.ShouldBeFalse();
        rest.ActivitiesExecuted.ShouldBe(2);
        rest.NextDueAt.ShouldBeNull();
        (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<int>().ShouldBe(5);
    }

    [Fact]
    public async Task HostedWorker_ClientInSameProcess_WakesOnSignalWithoutClockMoving()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddDurableTask(
            o => o.Worker.MaxIdlePollInterval = TimeSpan.FromDays(1),
            r => r.AddActivityFunc<int, int>("Inc", (_, x) => x + 1).AddOrchestratorFunc<int, int>("Inc2", async (ctx, x) => await ctx.CallActivityAsync<int>("Inc", await ctx.CallActivityAsync<int>("Inc", x))));
        await using var provider = services.BuildServiceProvider();
        var worker = provider.GetRequiredService<IHostedService>();
        var client = provider.GetRequiredService<DurableTaskClient>();
        // A safety net only: the fake clock never moves, so progress comes from in-process wake-ups alone.
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await worker.StartAsync(safety.Token);

        var id = await client.ScheduleNewOrchestrationInstanceAsync("Inc2", 40, safety.Token);
        var done = await client.WaitForInstanceCompletionAsync(id, true, safety.Token);
        await worker.StopAsync(CancellationToken.None);

        done.ReadOutputAs<int>().ShouldBe(42);
    }

    [Fact]
    public void ManualTimeProvider_SetUtcNow_FiresTimersInOrderAndNeverGoesBack()
    {
        var clock = new ManualTimeProvider();
        var fired = new List<int>();
        using var late = clock.CreateTimer(_ => fired.Add(2), null, TimeSpan.FromDays(2), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(1), null, TimeSpan.FromDays(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromDays(3));

        fired.ShouldBe([1, 2]);
        Should.Throw<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddTicks(-1)));
    }

    [Fact]
    public async Task Worker_ActivityRunningLongerThanItsLease_RenewsItAndRunsOnce()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = 0;
        await using var host = await DurableTestHost.StartAsync(
            r => r
                .AddActivityFunc<int, int>("Slow", async (_, x) =>
                {
                    // Only the first run waits, so a duplicate run shows up instead of blocking the test.
                    if (Interlocked.Increment(ref runs) > 1)
                    {
                        return -1;
                    }

                    started.TrySetResult();
                    return x + await gate.Task;
                })
                .AddOrchestratorFunc<int, int>("Once", (ctx, x) => ctx.CallActivityAsync<int>("Slow", x)),
            new DurableTestHostOptions { TimeProvider = clock, ConfigureWorker = w => w.LeaseDuration = TimeSpan.FromMinutes(1) });
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Once", 1);

        var running = host.RunUntilIdleAsync();
        await started.Task;
        for (var i = 0; i < 6; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(20));
        }

        var meanwhile = await host.Worker.DrainDueWorkAsync(TimeSpan.FromMinutes(1));
        gate.SetResult(10);
        await running;
        var done = await host.RunToCompletionAsync(id);

        meanwhile.ActivitiesExecuted.ShouldBe(0);
        runs.ShouldBe(1);
        done.ReadOutputAs<int>().ShouldBe(11);
    }
}
