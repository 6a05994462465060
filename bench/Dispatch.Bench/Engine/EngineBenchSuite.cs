using System.Diagnostics;
using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.InMemory;
using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Bench.Engine;

/// <summary>
/// The orchestration engine: activity chains, fan-out/fan-in, many concurrent instances, replay cost and
/// idle cost, per backend. Add a backend to <see cref="Backends"/> to measure it with the same workloads.
/// </summary>
public sealed class EngineBenchSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "engine";

    /// <inheritdoc />
    public string Description => "durable engine in memory and on Azurite: chain, fan-out, 1,000 instances x 10 steps, replay, idle requests";

    /// <summary>Gets the backends measured.</summary>
    public static IList<EngineBenchBackend> Backends { get; } =
    [
        new("memory", time => new InMemoryOrchestrationBackend(time)),
    ];

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var backend in Backends)
        {
            await ChainAsync(report, backend, cancellationToken);
            await FanOutAsync(report, backend, cancellationToken);
            await ManyInstancesAsync(report, backend, cancellationToken);
            await IdleAsync(report, backend, cancellationToken);
        }

        await ReplayAsync(report, cancellationToken);

        // The Table backend on Azurite, in the same run: the bars compare the two.
        await new EngineTablesBench().RunAsync(report, cancellationToken);
    }

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
        .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
        {
            var value = 0;
            for (var i = 0; i < n; i++)
            {
                value = await ctx.CallActivityAsync<int>("Inc", value);
            }

            return value;
        })
        .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
        {
            var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Inc", i)));
            return results.Sum();
        });

    private static (ServiceProvider Services, DurableTaskClient Client, DurableTaskWorker Worker, Durable.Backend.IOrchestrationBackend Backend) Start(EngineBenchBackend backend, TimeProvider? time = null, bool hosted = false)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddDurableTask(
            o =>
            {
                o.EnableWorker = hosted;
                o.UseBackend((_, t) => backend.Create(t));
            },
            Register);
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<DurableTaskClient>(), provider.GetRequiredService<DurableTaskWorker>(), provider.GetRequiredService<Durable.Backend.IOrchestrationBackend>());
    }

    private static async Task<(TimeSpan Elapsed, int Steps, long Requests, TimeSpan Cpu)> RunAsync(DurableTaskWorker worker, Durable.Backend.IOrchestrationBackend backend, CancellationToken cancellationToken)
    {
        var requests = backend.StorageRequestCount;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var steps = 0;
        while (true)
        {
            var result = await worker.DrainDueWorkAsync(TimeSpan.MaxValue, cancellationToken);
            steps += result.OrchestrationSteps;
            if (result.OrchestrationSteps + result.ActivitiesExecuted == 0)
            {
                return (watch.Elapsed, steps, backend.StorageRequestCount - requests, Process.GetCurrentProcess().TotalProcessorTime - cpu);
            }
        }
    }

    private static async Task ChainAsync(BenchReport report, EngineBenchBackend backend, CancellationToken cancellationToken)
    {
        var (services, client, worker, store) = Start(backend);
        await using var _ = services;
        await store.EnsureCreatedAsync(cancellationToken);
        var length = (int)(500 * backend.Scale);
        var id = await client.ScheduleNewOrchestrationInstanceAsync("Chain", length, cancellationToken);
        var (elapsed, steps, requests, _) = await RunAsync(worker, store, cancellationToken);
        var done = await client.GetInstanceAsync(id, true, cancellationToken);
        Check(done, length);
        report.Figure($"engine.{backend.Name}.chain_activities_per_s", length / elapsed.TotalSeconds, "activities/s");
        report.Figure($"engine.{backend.Name}.chain_requests_per_step", (double)requests / steps, "requests/step");
    }

    private static async Task FanOutAsync(BenchReport report, EngineBenchBackend backend, CancellationToken cancellationToken)
    {
        var (services, client, worker, store) = Start(backend);
        await using var _ = services;
        await store.EnsureCreatedAsync(cancellationToken);
        const int Width = 100;
        var rounds = Math.Max(1, (int)(10 * backend.Scale));
        var ids = new List<string>();
        var watch = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("FanOut", Width, cancellationToken));
            await RunAsync(worker, store, cancellationToken);
        }

        var elapsed = watch.Elapsed;
        foreach (var id in ids)
        {
            Check(await client.GetInstanceAsync(id, true, cancellationToken), Enumerable.Range(1, Width).Sum());
        }

        report.Figure($"engine.{backend.Name}.fanout100_activities_per_s", rounds * Width / elapsed.TotalSeconds, "activities/s");
    }

    private static async Task ManyInstancesAsync(BenchReport report, EngineBenchBackend backend, CancellationToken cancellationToken)
    {
        var (services, client, worker, store) = Start(backend);
        await using var _ = services;
        await store.EnsureCreatedAsync(cancellationToken);
        var count = (int)(1000 * backend.Scale);
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add(await client.ScheduleNewOrchestrationInstanceAsync("Chain", 10, cancellationToken));
        }

        var (elapsed, steps, requests, cpu) = await RunAsync(worker, store, cancellationToken);
        foreach (var id in ids)
        {
            Check(await client.GetInstanceAsync(id, true, cancellationToken), 10);
        }

        report.Figure($"engine.{backend.Name}.instances{count}x10_steps_per_s", steps / elapsed.TotalSeconds, "steps/s");
        report.Figure($"engine.{backend.Name}.instances{count}x10_requests_per_step", (double)requests / steps, "requests/step");

        // Steps per second of this process's CPU time: comparable across runs on a shared, loaded machine.
        report.Figure($"engine.{backend.Name}.instances{count}x10_steps_per_cpu_s", steps / cpu.TotalSeconds, "steps/cpu-s");
        BenchReport.Note($"load average: {LoadAverage()}; processors: {Environment.ProcessorCount}");
    }

    private static async Task IdleAsync(BenchReport report, EngineBenchBackend backend, CancellationToken cancellationToken)
    {
        // An idle host on the real clock for 10 s, scaled to a minute: only the poll should touch storage.
        var (services, _, worker, store) = Start(backend, hosted: true);
        await using var __ = services;
        await worker.StartAsync(cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var before = store.StorageRequestCount;
        var window = TimeSpan.FromSeconds(10);
        await Task.Delay(window, cancellationToken);
        var requests = store.StorageRequestCount - before;
        await worker.StopAsync(cancellationToken);
        report.Figure($"engine.{backend.Name}.idle_requests_per_min", requests * (60 / window.TotalSeconds), "requests/min");
    }

    private static async Task ReplayAsync(BenchReport report, CancellationToken cancellationToken)
    {
        // A 1,000-event history: 333 sequential activities (3 events each) plus start and end events.
        await using var host = await DurableTestHost.StartAsync(Register, cancellationToken: cancellationToken);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 333, cancellationToken);
        await host.RunToCompletionAsync(id, cancellationToken);
        var history = await RecordedHistory.CaptureAsync(host.Client, id, cancellationToken);
        var checker = new ReplayChecker(Register);
        for (var i = 0; i < 20; i++)
        {
            checker.Replay(history);
        }

        const int Runs = 200;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Runs; i++)
        {
            checker.Replay(history);
        }

        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        report.Figure("engine.replay_history_events", history.Events.Count, "events");
        report.Figure("engine.replay_1000_events_ms", watch.Elapsed.TotalMilliseconds / Runs * (1000.0 / history.Events.Count), "ms");
        report.Figure("engine.replay_1000_events_cpu_ms", cpuUsed.TotalMilliseconds / Runs * (1000.0 / history.Events.Count), "cpu-ms");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static void Check(OrchestrationMetadata? done, int expected)
    {
        if (done?.RuntimeStatus != OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<int>() != expected)
        {
            throw new InvalidOperationException($"Bench instance {done?.InstanceId} ended {done?.RuntimeStatus} with {done?.SerializedOutput}, expected {expected}: {done?.FailureDetails}");
        }
    }
}
