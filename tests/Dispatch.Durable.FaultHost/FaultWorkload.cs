using Azure;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Worker;
using Dispatch.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Durable.FaultHost;

/// <summary>
/// The workload of the fault tests: <c>FaultChain(n)</c> calls activity <c>Effect</c> n times in sequence and
/// returns the sum of the results. Each activity run records its effect in <c>{hub}Effects</c> keyed by
/// (instance, task id) with insert-if-absent, and counts re-runs of an already recorded effect in
/// <c>{hub}Reruns</c>, so a test can check that every effect exists exactly once whatever crashed.
/// </summary>
public static class FaultWorkload
{
    /// <summary>The orchestrator name.</summary>
    public const string Orchestrator = "FaultChain";

    /// <summary>The expected output of <c>FaultChain(n)</c>: the sum of 2i + 1 for i below n.</summary>
    public static int Expected(int n) => n * n;

    /// <summary>Registers the orchestrator and activity recording effects in the hub's effect tables.</summary>
    public static void Register(DurableTaskRegistry registry, TableServiceClient service, string hub)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(service);
        var effects = service.GetTableClient(hub + "Effects");
        var reruns = service.GetTableClient(hub + "Reruns");
        registry
            .AddActivityFunc<int, int>("Effect", async (ctx, i) =>
            {
                try
                {
                    await effects.AddEntityAsync(new TableEntity(ctx.InstanceId, ctx.TaskId.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = i });
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    await reruns.AddEntityAsync(new TableEntity(ctx.InstanceId, Guid.NewGuid().ToString("N")) { ["TaskId"] = ctx.TaskId });
                }

                return (2 * i) + 1;
            })
            .AddOrchestratorFunc<int, int>(Orchestrator, async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Effect", i);
                }

                return sum;
            });
    }

    /// <summary>Creates the effect tables.</summary>
    public static async Task EnsureTablesAsync(TableServiceClient service, string hub)
    {
        ArgumentNullException.ThrowIfNull(service);
        await service.CreateTableIfNotExistsAsync(hub + "Effects");
        await service.CreateTableIfNotExistsAsync(hub + "Reruns");
    }

    /// <summary>Builds a worker (not started) and client on the hub, with short leases and a quick sweeper so crashes heal in seconds.</summary>
    public static ServiceProvider BuildServices(string connectionString, string hub, string workerId)
    {
        var service = new TableServiceClient(connectionString);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableTask(
            o =>
            {
                o.EnableWorker = false;
                o.UseBackend((_, time) => new TableOrchestrationBackend(new TableOrchestrationBackendOptions
                {
                    ServiceClient = service,
                    TaskHubName = hub,
                    ShardCount = 4,
                    TimeProvider = time,
                    SweepInterval = TimeSpan.FromSeconds(2),
                    SweepGracePeriod = TimeSpan.FromSeconds(2),
                }));
                o.Worker.WorkerId = workerId;
                o.Worker.LeaseDuration = TimeSpan.FromSeconds(4);
                o.Worker.MaxConcurrentWorkItems = 16;
                o.Worker.MaxErrorBackoff = TimeSpan.FromSeconds(2);
            },
            r => Register(r, service, hub));
        return services.BuildServiceProvider();
    }

    /// <summary>Gets the worker of services built by <see cref="BuildServices"/>.</summary>
    public static DurableTaskWorker Worker(IServiceProvider services) => services.GetRequiredService<DurableTaskWorker>();
}
