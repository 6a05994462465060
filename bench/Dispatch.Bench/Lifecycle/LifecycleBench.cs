using System.Diagnostics;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Selection;

namespace Dispatch.Bench.Lifecycle;

/// <summary>
/// The assignment lifecycle's bars: round-wide optimal matching (1,000 villages × 3,000 candidates) and a
/// province-sized round through a full term in memory.
/// </summary>
public sealed class LifecycleBench : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "lifecycle";

    /// <inheritdoc />
    public string Description => "optimal matching 1,000×3,000; 10,000 assignments through a 24-month term in memory";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Match(report, 1000, 3000);
        var count = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_BENCH_ASSIGNMENTS"), out var n) && n > 0 ? n : 10_000;
        var figures = await new TermSimulation(count).RunAsync(cancellationToken).ConfigureAwait(false);
        var per = (double)Math.Max(1, count);
        BenchReport.Note($"{figures.Completed} of {count} assignments completed a 24-month term");
        report.Figure($"lifecycle.term_{count}_memory_time", figures.Elapsed.TotalSeconds, "s");
        report.Figure($"lifecycle.term_{count}_memory_peak", figures.PeakBytes / 1024.0 / 1024.0, "MiB");
        report.Figure("lifecycle.term_completed", figures.Completed, "assignments");
        report.Figure("lifecycle.steps_per_assignment", figures.Steps / per, "steps");
        report.Figure("lifecycle.activities_per_assignment", figures.Activities / per, "activities");
        report.Figure("lifecycle.engine_storage_requests_per_assignment", figures.EngineRequests / per, "requests");
        report.Figure("lifecycle.workflow_storage_requests_per_assignment", figures.WorkflowRequests / per, "requests");
        report.Figure("lifecycle.notices_per_assignment", figures.Notices / per, "notices");
    }

    private static void Match(BenchReport report, int villageCount, int cadreCount)
    {
        var villages = LifecycleData.Villages(villageCount, 7);
        var cadres = LifecycleData.Cadres(cadreCount, 11);
        var matcher = new RoundMatcher(new WorkflowPolicy(), new SelectionFacts { AsOf = new DateOnly(2026, 7, 1) });
        var watch = Stopwatch.StartNew();
        var proposals = matcher.ProposeRound(villages, cadres);
        watch.Stop();
        var served = proposals.Count(p => p.CadreId is not null);
        BenchReport.Note($"matched {served} of {villageCount} villages, total score {proposals.Sum(p => p.Evaluation?.Score ?? 0)}");
        report.Figure($"lifecycle.match_{villageCount}x{cadreCount}", watch.Elapsed.TotalSeconds, "s");
    }
}
