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
        await Task.CompletedTask.ConfigureAwait(false);
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
