using System.Diagnostics;
using System.Globalization;
using Dispatch.Testing;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Selection;

namespace Dispatch.Bench.Lifecycle;

/// <summary>
/// The assignment lifecycle's bars: round-wide optimal matching (1,000 villages × 3,000 candidates ≤ 30 s),
/// a province-sized round through a full term in memory (10,000 assignments ≤ 5 minutes, peak ≤ 2 GB),
/// and 200 assignments through a full term on Azurite (≤ 10 minutes). Sizes can be lowered while
/// iterating: <c>DISPATCH_BENCH_ASSIGNMENTS</c> (in memory) and <c>DISPATCH_BENCH_AZURITE_ASSIGNMENTS</c>
/// (0 skips the Azurite run).
/// </summary>
public sealed class LifecycleBench : IBenchSuite
{
    private const double MatchBarSeconds = 30;
    private const double MemoryBarSeconds = 300;
    private const double MemoryBarMiB = 2048;
    private const double AzuriteBarSeconds = 600;

    /// <inheritdoc />
    public string Name => "lifecycle";

    /// <inheritdoc />
    public string Description => "optimal matching 1,000×3,000; 10,000 assignments through a 24-month term in memory; 200 on Azurite";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        Match(report, 1000, 3000);

        var count = Size("DISPATCH_BENCH_ASSIGNMENTS", 10_000);
        if (count > 0)
        {
            var memory = await new TermSimulation(count).RunAsync(cancellationToken).ConfigureAwait(false);
            var peakMiB = memory.PeakBytes / 1024.0 / 1024.0;
            Term(report, "memory", count, memory);
            report.Figure($"lifecycle.term_{count}_memory_peak", peakMiB, "MiB");
            report.Figure("lifecycle.memory_allocated_per_assignment", memory.AllocatedBytes / 1024.0 / Math.Max(1, count), "KiB");
            Bar(report, $"lifecycle.term_{count}_memory_within_bar", count >= 10_000 && memory.Completed == count && memory.Elapsed.TotalSeconds <= MemoryBarSeconds && peakMiB <= MemoryBarMiB,
                $"{count:N0} in memory: {memory.Elapsed.TotalSeconds:0.0} s (bar {MemoryBarSeconds} s at 10,000), peak {peakMiB:0} MiB (bar {MemoryBarMiB} MiB)");
        }

        var onAzurite = Size("DISPATCH_BENCH_AZURITE_ASSIGNMENTS", 200);
        if (onAzurite > 0)
        {
            // The in-memory round's heap is garbage now; the Azurite run starts from a clean slate.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await using var azurite = await AzuriteInstance.StartNewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var tables = await new TermSimulation(onAzurite, azurite.ConnectionString).RunAsync(cancellationToken).ConfigureAwait(false);
            Term(report, "azurite", onAzurite, tables);
            Bar(report, $"lifecycle.term_{onAzurite}_azurite_within_bar", onAzurite >= 200 && tables.Completed == onAzurite && tables.Elapsed.TotalSeconds <= AzuriteBarSeconds,
                $"{onAzurite:N0} on Azurite: {tables.Elapsed.TotalSeconds:0.0} s (bar {AzuriteBarSeconds} s at 200)");
        }
    }

    private static int Size(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0 ? n : fallback;

    private static void Term(BenchReport report, string where, int count, TermSimulation.Figures figures)
    {
        var per = (double)Math.Max(1, count);
        BenchReport.Note($"{where}: {figures.Completed} of {count} assignments completed a 24-month term, {figures.Failed} failed");
        report.Figure($"lifecycle.term_{count}_{where}_time", figures.Elapsed.TotalSeconds, "s");

        // CPU time is steadier than wall time on a shared machine (and, in memory, says what a quiet one would take).
        report.Figure($"lifecycle.term_{count}_{where}_cpu", figures.Cpu.TotalSeconds, "s");
        report.Figure($"lifecycle.{where}_completed", figures.Completed, "assignments");
        report.Figure($"lifecycle.{where}_failed", figures.Failed, "assignments");
        report.Figure($"lifecycle.{where}_steps_per_assignment", figures.Steps / per, "steps");
        report.Figure($"lifecycle.{where}_activities_per_assignment", figures.Activities / per, "activities");
        report.Figure($"lifecycle.{where}_engine_storage_requests_per_assignment", figures.EngineRequests / per, "requests");
        report.Figure($"lifecycle.{where}_workflow_storage_requests_per_assignment", figures.WorkflowRequests / per, "requests");
        report.Figure($"lifecycle.{where}_storage_requests_per_assignment", (figures.EngineRequests + figures.WorkflowRequests) / per, "requests");
        report.Figure($"lifecycle.{where}_notices_per_assignment", figures.Notices / per, "notices");
    }

    private static void Bar(BenchReport report, string name, bool met, string note)
    {
        BenchReport.Note($"{(met ? "PASS" : "FAIL")}: {note}");
        report.Figure(name, met ? 1 : 0, "bool");
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
        Bar(report, $"lifecycle.match_{villageCount}x{cadreCount}_within_bar", watch.Elapsed.TotalSeconds <= MatchBarSeconds,
            $"matching {villageCount:N0}×{cadreCount:N0}: {watch.Elapsed.TotalSeconds:0.00} s (bar {MatchBarSeconds} s)");
    }
}
