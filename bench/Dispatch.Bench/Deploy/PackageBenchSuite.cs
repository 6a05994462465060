using System.Diagnostics;
using System.Text.Json;
using Dispatch.Durable.Client;
using Dispatch.Durable.Testing;
using Dispatch.Functions.Clock;
using Dispatch.Functions.CustomHandler;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Bench.Deploy;

/// <summary>
/// The custom handler's timer function: wall-clock time for one invocation to advance 1,000 instances whose
/// timers fell due together (timer fired, activity run, completion), over the in-memory engine. The packaged
/// binary's cold start is measured by <c>./dispatch package</c> (<c>BENCH cold_start_ms</c>).
/// </summary>
public sealed class PackageBenchSuite : IBenchSuite
{
    private const int Instances = 1_000;

    /// <inheritdoc/>
    public string Name => "package";

    /// <inheritdoc/>
    public string Description => "timer function: one invocation draining 1,000 due timers (in-memory engine)";

    /// <inheritdoc/>
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var samples = new List<double>();
        for (var run = 0; run < 5; run++)
        {
            samples.Add(await DrainOnceAsync(cancellationToken));
        }

        samples.Sort();
        report.Figure("deploy.timer_drain_1000_due_ms", samples[samples.Count / 2], "ms");
        report.Figure("deploy.timer_drain_budget_ms", DueWorkTimerFunction.DefaultBudget.TotalMilliseconds, "ms");
    }

    private static async Task<double> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero));
        await using var host = await DurableTestHost.StartAsync(
            registry => registry
                .AddOrchestratorFunc<int, int>("MonthlyCheckIn", async (context, month) =>
                {
                    await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                    return await context.CallActivityAsync<int>("RecordCheckIn", month);
                })
                .AddActivityFunc<int, int>("RecordCheckIn", (_, month) => month + 1),
            new DurableTestHostOptions { TimeProvider = time, SetUtcNow = time.SetUtcNow },
            cancellationToken);
        for (var i = 0; i < Instances; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(
                "MonthlyCheckIn", i, new StartOrchestrationOptions { InstanceId = $"a{i:D4}" }, cancellationToken);
        }

        await host.RunUntilIdleAsync(cancellationToken);
        time.Advance(TimeSpan.FromMinutes(1));

        using var payload = JsonDocument.Parse("""{"IsPastDue":false}""");
        var watch = Stopwatch.StartNew();
        await DueWorkTimerFunction.InvokeAsync(
            new InvocationRequest(new() { ["timer"] = payload.RootElement }, null),
            new EngineDueWorkDrainer(host.Worker),
            DueWorkTimerFunction.DefaultBudget,
            time,
            NullLogger.Instance,
            cancellationToken);
        watch.Stop();

        var page = await host.Client.QueryInstancesAsync(
            new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], PageSize = Instances }, cancellationToken);
        if (page.Instances.Count != Instances)
        {
            throw new InvalidOperationException($"Only {page.Instances.Count} of {Instances} instances completed in one timer invocation.");
        }

        return watch.Elapsed.TotalMilliseconds;
    }
}
