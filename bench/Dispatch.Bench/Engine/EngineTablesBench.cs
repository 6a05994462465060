using System.Diagnostics;
using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Worker;
using Dispatch.Tables;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Bench.Engine;

/// <summary>
/// The engine on the Table backend over a local Azurite, against the bars of the engine issue: sequential
/// chain, fan-out/fan-in, 1,000 instances × 10 steps versus the raw insert rate, requests per step, idle cost.
/// </summary>
public sealed class EngineTablesBench : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "engine-tables";

    /// <inheritdoc />
    public string Description => "Durable engine on Table Storage (Azurite): chain, fan-out, 1,000 instances, requests per step, idle cost";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var azurite = await AzuriteInstance.StartNewAsync(cancellationToken: cancellationToken);
        var idleSeconds = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_BENCH_IDLE_SECONDS"), out var s) ? s : 30;

        await using (var host = await Host.StartAsync(azurite.ConnectionString, "chain", cancellationToken))
        {
            await host.RunAsync("Chain", 10, cancellationToken);
            host.Counter.Reset();
            var watch = Stopwatch.StartNew();
            await host.RunAsync("Chain", 100, cancellationToken);
            report.Figure("engine.tables.chain_activities_per_s", 100 / watch.Elapsed.TotalSeconds, "activities/s");
            report.Figure("engine.tables.requests_per_step", (double)host.Counter.StepRequests / host.Counter.Steps, "requests/step");
            report.Figure("engine.tables.requests_per_activity", (double)host.Counter.ActivityRequests / host.Counter.Activities, "requests/activity");
            BenchReport.Note($"chain time: {watch.ElapsedMilliseconds} ms; {host.Counter.Timings}");
        }

        await using (var host = await Host.StartAsync(azurite.ConnectionString, "fan", cancellationToken))
        {
            await host.RunAsync("FanOut", 20, cancellationToken);
            var watch = Stopwatch.StartNew();
            const int Rounds = 3;
            for (var i = 0; i < Rounds; i++)
            {
                await host.RunAsync("FanOut", 100, cancellationToken);
            }

            report.Figure("engine.tables.fanout_activities_per_s", Rounds * 100 / watch.Elapsed.TotalSeconds, "activities/s");
        }

        var insertRate = await RawInsertRateAsync(azurite.ConnectionString, cancellationToken);
        report.Figure("engine.tables.raw_insert_per_s_c16", insertRate, "inserts/s");
        await using (var host = await Host.StartAsync(azurite.ConnectionString, "many", cancellationToken))
        {
            const int Instances = 1000;
            host.Counter.Reset();
            var requestsBefore = host.Backend.StorageRequestCount;
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, Instances), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
                await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 9, ct));
            await host.Counter.WaitForCompletedAsync(Instances, TimeSpan.FromMinutes(10), cancellationToken);
            var stepsPerSecond = host.Counter.Steps / watch.Elapsed.TotalSeconds;
            report.Figure("engine.tables.steps_per_s_1000x10", stepsPerSecond, "steps/s");
            report.Figure("engine.tables.steps_vs_raw_insert", 100 * stepsPerSecond / insertRate, "%");
            // Attribution per call is unreliable with 64 calls in flight: this is every request of the run (starts,
            // steps and activities) over the steps.
            var requests = host.Backend.StorageRequestCount - requestsBefore;
            report.Figure("engine.tables.requests_per_step_all_in_1000x10", (double)requests / host.Counter.Steps, "requests/step");
            BenchReport.Note($"1000x10: {host.Counter.Steps} steps, {host.Counter.Activities} activities, {requests} requests in all; load average {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown")}");
        }

        await using (var host = await Host.StartAsync(azurite.ConnectionString, "idle", cancellationToken))
        {
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            var before = host.Backend.StorageRequestCount;
            await Task.Delay(TimeSpan.FromSeconds(idleSeconds), cancellationToken);
            report.Figure("engine.tables.idle_requests_per_min", (host.Backend.StorageRequestCount - before) * 60.0 / idleSeconds, "requests/min");
        }
    }

    private static async Task<double> RawInsertRateAsync(string connectionString, CancellationToken cancellationToken)
    {
        var table = new TableClient(connectionString, "benchraw" + Environment.ProcessId);
        await table.CreateIfNotExistsAsync(cancellationToken);
        const int PerWorker = 250;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async w =>
        {
            for (var i = 0; i < PerWorker; i++)
            {
                await table.AddEntityAsync(new TableEntity($"p{w}", $"r{i}") { ["Value"] = i }, cancellationToken);
            }
        }));
        return 16 * PerWorker / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A worker and client on one task hub, with the bench orchestrations.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly DurableTaskWorker _worker;

        private Host(ServiceProvider services, CountingBackend counter, TableOrchestrationBackend backend)
        {
            _services = services;
            Counter = counter;
            Backend = backend;
            _worker = services.GetRequiredService<DurableTaskWorker>();
            Client = services.GetRequiredService<DurableTaskClient>();
        }

        public CountingBackend Counter { get; }

        public TableOrchestrationBackend Backend { get; }

        public DurableTaskClient Client { get; }

        public static async Task<Host> StartAsync(string connectionString, string hub, CancellationToken cancellationToken)
        {
            var backend = new TableOrchestrationBackend(new TableOrchestrationBackendOptions
            {
                ConnectionString = connectionString,
                TaskHubName = "bench" + hub + Environment.ProcessId,
            });
            await backend.EnsureCreatedAsync(cancellationToken);
            var counter = new CountingBackend(backend);
            var services = new ServiceCollection();
            services.AddDurableTask(
                o =>
                {
                    o.EnableWorker = false;
                    o.UseBackend((_, _) => counter);
                    o.Worker.MaxConcurrentWorkItems = 64;
                    o.Worker.MaxInstancesPerClaim = 200;
                    o.Worker.MaxActivitiesPerClaim = 200;
                },
                r => r
                    .AddActivityFunc<int, int>("Inc", (_, x) => x + 1)
                    .AddOrchestratorFunc<int, int>("Chain", async (ctx, n) =>
                    {
                        var x = 0;
                        for (var i = 0; i < n; i++)
                        {
                            x = await ctx.CallActivityAsync<int>("Inc", x);
                        }

                        return x;
                    })
                    .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                    {
                        var results = await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Inc", i)));
                        return results.Sum();
                    }));
            var provider = services.BuildServiceProvider();
            var host = new Host(provider, counter, backend);
            await host._worker.StartAsync(cancellationToken);
            return host;
        }

        public async Task RunAsync(string orchestrator, int n, CancellationToken cancellationToken)
        {
            var target = Counter.Completed + 1;
            await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, n, cancellationToken);
            await Counter.WaitForCompletedAsync(target, TimeSpan.FromMinutes(5), cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await _worker.StopAsync(CancellationToken.None);
            await Backend.DeleteAsync();
            await _services.DisposeAsync();
        }
    }
}
