using System.Diagnostics;
using System.Globalization;
using Dispatch.Bench.Engine;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;
using Dispatch.Mail;
using Dispatch.Tables;
using Dispatch.Workflow;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Bench.Lifecycle;

/// <summary>
/// A whole round through a full term on the time-skipping host: every assignment selected, oriented,
/// 24 monthly check-ins (scripted 80% on time, 15% after the reminder, 5% missed), two reviews and an
/// "end" decision. The clock jumps a day at a time; people react to the notices they get. In memory, or
/// with the engine's and the workflow's tables on Azurite.
/// </summary>
internal sealed class TermSimulation(int assignments, string? azuriteConnectionString = null)
{
    public sealed record Figures(TimeSpan Elapsed, long PeakBytes, long Steps, long Activities, long EngineRequests, long WorkflowRequests, long Notices, int Completed, int Failed, long AllocatedBytes, TimeSpan Cpu);

    public async Task<Figures> RunAsync(CancellationToken cancellationToken)
    {
        var clock = new BenchClock(new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero));
        var onAzurite = azuriteConnectionString is not null;

        // In memory every work item is CPU-bound and the stores' locks are short: two at a time (the
        // machine's cores) measured best; four only contended (one runs inline, without thread hops).
        // On Table Storage each work item is a few round trips, so many run at once.
        var dop = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_BENCH_DOP"), out var d) && d > 0 ? d : onAzurite ? 32 : 2;
        var hub = "lifecycle" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var outbox = new BenchOutbox();
        TableOrchestrationBackend? tables = null;
        CountingBackend? counting = null;
        await using var host = await DurableTestHost.StartAsync(
            r => r.AddDispatchWorkflow(),
            new DurableTestHostOptions
            {
                TimeProvider = clock,
                Backend = onAzurite
                    ? time =>
                    {
                        tables = new TableOrchestrationBackend(new TableOrchestrationBackendOptions { ConnectionString = azuriteConnectionString, TaskHubName = hub, TimeProvider = time });
                        counting = new CountingBackend(tables);
                        return counting;
                    }
                    : null,
                ConfigureWorker = w =>
                {
                    w.MaxConcurrentWorkItems = dop;

                    // Every instance stays cached between steps (the default, 10,000, would thrash at 10,000).
                    w.HistoryCacheSize = Math.Max(w.HistoryCacheSize, assignments * 2);
                    if (onAzurite)
                    {
                        w.MaxInstancesPerClaim = 200;
                        w.MaxActivitiesPerClaim = 200;
                    }
                },
                ConfigureServices = s =>
                {
                    s.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
                    s.AddSingleton<INoticeSender>(outbox);
                    if (onAzurite)
                    {
                        s.AddSingleton(new TableServiceClient(azuriteConnectionString!));
                        s.AddDispatchWorkflow(WorkflowStorage.TableStorage, "b" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        s.AddDispatchWorkflow(WorkflowStorage.InMemory);
                    }
                },
            },
            cancellationToken);
        var service = host.Services.GetRequiredService<AssignmentService>();
        var villages = LifecycleData.Villages(assignments, 3);
        var cadres = LifecycleData.Cadres(assignments, 5).Select(c => c with { PartyMember = true, BirthDate = new DateOnly(1985, 1, 1), WorkStartDate = new DateOnly(2010, 1, 1), HomeTownship = null }).ToList();
        await service.UpsertRoundAsync(new Round { Id = "prov", Name = "省级轮换", Region = "山西", StartsOn = new DateOnly(2026, 7, 1) }, cancellationToken);
        await service.UpsertVillagesAsync(villages, cancellationToken);
        await service.UpsertCadresAsync(cadres, cancellationToken);

        var engineBefore = host.Backend.StorageRequestCount;
        var workflowBefore = service.StorageRequests;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < assignments; i++)
        {
            // Proposals as a round-wide matching would give them; matching itself is measured separately.
            await service.StartAsync(new AssignmentStart { RoundId = "prov", VillageId = villages[i].Id, ProposedCadreId = cadres[i].Id }, cancellationToken);
        }

        long steps = 0, activities = 0, drains = 0;
        var draining = new Stopwatch();
        var reacting = new Stopwatch();
        var completed = 0;
        var began = clock.GetUtcNow();
        var giveUpAt = began.AddDays(800);
        var nextNoteAt = began.AddDays(30);

        // Time jumps straight from one due time to the next (timers cluster: every secretary gets the
        // month's request the same morning), and after every drain the people answer what they were
        // sent, so answers come the moment a request arrives. Idle days cost nothing: stepping day by day
        // cost two empty claims a day, which on Table Storage were over half of the run.
        while (true)
        {
            DrainResult drained;
            while (true)
            {
                draining.Start();
                drained = await host.RunUntilIdleAsync(cancellationToken);
                draining.Stop();
                drains++;
                steps += drained.OrchestrationSteps;
                activities += drained.ActivitiesExecuted;
                reacting.Start();
                var reacted = await ReactAsync(service, outbox, onAzurite ? 16 : 1, cancellationToken);
                reacting.Stop();
                if (!reacted)
                {
                    break;
                }
            }

            var now = clock.GetUtcNow();
            var last = drained.NextDueAt is not { } due || due > giveUpAt;
            if (now >= nextNoteAt || last)
            {
                nextNoteAt = now.AddDays(30);
                completed = (await host.Client.CountInstancesAsync(new OrchestrationQuery(), cancellationToken)).GetValueOrDefault(OrchestrationRuntimeStatus.Completed);
                BenchReport.Note($"day {(now - began).TotalDays:0}: {completed} completed, {steps} steps, {outbox.Count} notices, {drains} drains ({draining.Elapsed.TotalSeconds:0}s), reactions {reacting.Elapsed.TotalSeconds:0}s, {watch.Elapsed.TotalSeconds:0}s{(counting is null ? string.Empty : "; engine " + counting.Timings)}");
            }

            if (last || completed >= assignments)
            {
                break;
            }

            // Work due now that no claim returned (a lease still running) must not spin the loop.
            clock.SetUtcNow(drained.NextDueAt!.Value > now ? drained.NextDueAt.Value : now.AddSeconds(1));
        }

        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var counts = await host.Client.CountInstancesAsync(new OrchestrationQuery(), cancellationToken);
        completed = counts.GetValueOrDefault(OrchestrationRuntimeStatus.Completed);
        var failed = counts.GetValueOrDefault(OrchestrationRuntimeStatus.Failed);
        if (failed > 0)
        {
            BenchReport.Note($"{failed} instances FAILED");
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64;
        var figures = new Figures(watch.Elapsed, peak, steps, activities, host.Backend.StorageRequestCount - engineBefore, service.StorageRequests - workflowBefore, outbox.Count, completed, failed, allocated, cpu);
        if (tables is not null)
        {
            await tables.DeleteAsync(cancellationToken);
        }

        return figures;
    }

    // People answer independently of each other, so on Azurite their round trips overlap; in memory one
    // at a time is fastest.
    private static async Task<bool> ReactAsync(AssignmentService service, BenchOutbox outbox, int parallelism, CancellationToken cancellationToken)
    {
        var notices = new List<Notice>();
        while (outbox.Pending.TryDequeue(out var notice))
        {
            notices.Add(notice);
        }

        if (parallelism == 1)
        {
            foreach (var notice in notices)
            {
                await ReactAsync(service, notice, cancellationToken);
            }
        }
        else
        {
            await Parallel.ForEachAsync(notices, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, (notice, ct) => new ValueTask(ReactAsync(service, notice, ct)));
        }

        return notices.Count > 0;
    }

    private static async Task ReactAsync(AssignmentService service, Notice notice, CancellationToken cancellationToken)
    {
        var subject = notice.Links.Count > 0 ? notice.Links[0].SubjectId : string.Empty;
        switch (notice.Kind)
        {
            case NoticeKind.SelectionProposal:
                var details = await service.GetAssignmentAsync(notice.AssignmentId, cancellationToken);
                if (details?.Proposal?.CadreId is { } cadre)
                {
                    await service.SubmitSelectionAsync(notice.AssignmentId, new SelectionRequest(cadre, "同意", "批量"), cancellationToken);
                }

                break;
            case NoticeKind.CheckInRequest when Script(subject) == 0:
            case NoticeKind.CheckInReminder when Script(subject) == 1:
                await service.SubmitCheckInAsync(subject, Answer, "form", cancellationToken);
                break;
            case NoticeKind.ReviewRequestToSecretary:
                await service.SubmitReviewFormAsync(subject, new ReviewForm { Text = "述职" }, cancellationToken);
                break;
            case NoticeKind.ReviewRequestToReviewer:
                await service.SubmitReviewFormAsync(subject, new ReviewForm { Score = 88 }, cancellationToken);
                break;
            case NoticeKind.TermDecisionRequest when !notice.Period.Contains('/', StringComparison.Ordinal):
                await service.DecideAsync(notice.AssignmentId, TermDecision.End, "任期届满", cancellationToken);
                break;
        }
    }

    private static readonly CheckInAnswer Answer = new()
    {
        DaysInVillage = 22,
        HouseholdsVisited = 10,
        ProblemsSolved = 2,
        FundsSecuredYuan = 10_000m,
        ProjectsAdvanced = 1,
        Highlights = string.Empty,
        HelpNeeded = string.Empty,
        LeaveDays = 1,
    };

    // 0 = on time (80%), 1 = after the reminder (15%), 2 = never (5%); stable per check-in.
    private static int Script(string checkInId)
    {
        var bucket = (int)((uint)StableHash(checkInId) % 100);
        return bucket < 80 ? 0 : bucket < 95 ? 1 : 2;
    }

    private static int StableHash(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var ch in text)
            {
                hash = (hash ^ ch) * 16777619;
            }

            return hash;
        }
    }
}
