using System.Diagnostics;
using Dispatch.Durable.Client;
using Dispatch.Durable.FaultHost;
using Dispatch.Tables;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>
/// Crash and outage tests on Azurite with real processes and real time (storage is external): a worker
/// process killed at random points, two hosts on one hub, and storage stopped for 20 seconds. Whatever
/// happens, every instance completes with the right output, no step is applied twice, and every
/// activity's effect is recorded once per (instance, task id).
/// </summary>
public sealed class TableFaultTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int Steps = 3;

    [Fact]
    public async Task ProcessKill_AtRandomPoints_EveryInstanceCompletesWithEffectsOnce()
    {
        var hub = AzuriteFixture.UniqueTableName("kill");
        await using var services = await PrepareAsync(azurite.ConnectionString, hub);
        var ids = await ScheduleAsync(services, hub, 200);
        var random = new Random(20261122);

        for (var kill = 0; kill < 3; kill++)
        {
            using var host = StartHost(azurite.ConnectionString, hub);
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(1500, 3500)));
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }

        using (var last = StartHost(azurite.ConnectionString, hub))
        {
            try
            {
                await WaitForAllAsync(services, ids.Count, TimeSpan.FromSeconds(150));
            }
            finally
            {
                last.Kill(entireProcessTree: true);
                await last.WaitForExitAsync();
            }
        }

        await VerifyAsync(services, azurite.ConnectionString, hub, ids);
    }

    [Fact]
    public async Task TwoHosts_OneHub_NoStepAppliedTwice()
    {
        var hub = AzuriteFixture.UniqueTableName("two");
        await using var services = await PrepareAsync(azurite.ConnectionString, hub);
        await using var second = FaultWorkload.BuildServices(azurite.ConnectionString, hub, "host-b");
        var ids = await ScheduleAsync(services, hub, 60);
        var workerA = FaultWorkload.Worker(services);
        var workerB = FaultWorkload.Worker(second);
        await workerA.StartAsync(CancellationToken.None);
        await workerB.StartAsync(CancellationToken.None);
        try
        {
            await WaitForAllAsync(services, ids.Count, TimeSpan.FromSeconds(120));
        }
        finally
        {
            await workerA.StopAsync(CancellationToken.None);
            await workerB.StopAsync(CancellationToken.None);
        }

        await VerifyAsync(services, azurite.ConnectionString, hub, ids);
    }

    [Fact]
    public async Task StorageOutage_TwentySeconds_HostsBackOffRecoverAndLoseNothing()
    {
        var location = Path.Combine(Path.GetTempPath(), "dispatch-outage-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        await using var storage = await AzuriteInstance.StartNewAsync(location);
        try
        {
            var hub = AzuriteFixture.UniqueTableName("outage");
            await using var services = await PrepareAsync(storage.ConnectionString, hub);
            var ids = await ScheduleAsync(services, hub, 40);
            var worker = FaultWorkload.Worker(services);
            await worker.StartAsync(CancellationToken.None);
            try
            {
                await WaitForAllAsync(services, 5, TimeSpan.FromSeconds(60));
                // An outage, not data loss: Azurite saves what it acknowledged before it goes away.
                await storage.ShutdownAsync();
                await Task.Delay(TimeSpan.FromSeconds(20));
                await storage.StartAsync();
                await WaitForAllAsync(services, ids.Count, TimeSpan.FromSeconds(120));
            }
            finally
            {
                await worker.StopAsync(CancellationToken.None);
            }

            await VerifyAsync(services, storage.ConnectionString, hub, ids);
        }
        finally
        {
            await storage.StopAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    private static async Task<ServiceProvider> PrepareAsync(string connectionString, string hub)
    {
        var services = FaultWorkload.BuildServices(connectionString, hub, "test-" + hub);
        await services.GetRequiredService<Dispatch.Durable.Backend.IOrchestrationBackend>().EnsureCreatedAsync();
        await FaultWorkload.EnsureTablesAsync(new TableServiceClient(connectionString), hub);
        return services;
    }

    private static async Task<List<string>> ScheduleAsync(IServiceProvider services, string hub, int count)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var ids = Enumerable.Range(0, count).Select(i => $"{hub}-{i:D3}").ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
            await client.ScheduleNewOrchestrationInstanceAsync(FaultWorkload.Orchestrator, Steps, new StartOrchestrationOptions(id), ct));
        return ids;
    }

    private static Process StartHost(string connectionString, string hub)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "Dispatch.Durable.FaultHost", "bin", configuration, "net10.0", "Dispatch.Durable.FaultHost.dll");
        File.Exists(dll).ShouldBeTrue($"the fault host is built at {dll}");
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add(connectionString);
        psi.ArgumentList.Add(hub);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAllAsync(IServiceProvider services, int count, TimeSpan timeout)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var deadline = Stopwatch.StartNew();
        var seen = "nothing yet";
        while (true)
        {
            try
            {
                var counts = await client.CountInstancesAsync(new OrchestrationQuery());
                seen = string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}"));
                if (counts.Where(c => c.Key.IsTerminal()).Sum(c => c.Value) >= count)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException)
            {
                seen = ex.GetType().Name + ": " + ex.Message.Split('\n')[0];
                // Storage is down on purpose in the outage test; keep waiting.
            }

            deadline.Elapsed.ShouldBeLessThan(timeout, $"instances did not all complete in time (last count: {seen})");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static async Task VerifyAsync(IServiceProvider services, string connectionString, string hub, List<string> ids)
    {
        var client = services.GetRequiredService<DurableTaskClient>();
        var effects = new TableClient(connectionString, hub + "Effects");
        var recorded = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await foreach (var row in effects.QueryAsync<TableEntity>())
        {
            if (!recorded.TryGetValue(row.PartitionKey, out var list))
            {
                recorded[row.PartitionKey] = list = [];
            }

            list.Add(row.RowKey);
        }

        foreach (var id in ids)
        {
            var done = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed, id);
            done.ReadOutputAs<int>().ShouldBe(FaultWorkload.Expected(Steps), id);

            var history = await client.GetOrchestrationHistoryAsync(id);
            history.Count(e => e.EventType == HistoryEventType.ExecutionStarted).ShouldBe(1, id);
            var scheduled = history.Where(e => e.EventType == HistoryEventType.TaskScheduled).Select(e => e.EventId).ToList();
            scheduled.Count.ShouldBe(Steps, id);
            scheduled.Distinct().Count().ShouldBe(Steps, id);
            var completed = history.Where(e => e.EventType == HistoryEventType.TaskCompleted).Select(e => e.TaskScheduledId).ToList();
            completed.Distinct().Count().ShouldBe(completed.Count, id);
            completed.Count.ShouldBe(Steps, id);
            history.Count(e => e.EventType == HistoryEventType.ExecutionCompleted).ShouldBe(1, id);

            recorded.TryGetValue(id, out var effectKeys).ShouldBeTrue(id);
            effectKeys!.Order().ShouldBe(scheduled.Order().Select(t => t.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)), id);
        }
    }
}
