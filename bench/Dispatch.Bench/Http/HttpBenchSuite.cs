using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dispatch.Functions.Clock;
using Dispatch.Functions.Hosting;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Tables;
using Dispatch.Testing;
using Dispatch.Workflow.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Dispatch.Bench.Http;

/// <summary>
/// The real host (Kestrel on loopback, Table Storage on Azurite, as in production) with 10,000 running
/// assignments stored (<see cref="HttpBenchData"/>) and 50 concurrent clients: assignment details, the
/// Durable status route, the township list of 1,000 and the check-in form POST (answer stored, event raised).
/// </summary>
public sealed partial class HttpBenchSuite : IBenchSuite
{
    // DISPATCH_BENCH_HTTP_CLIENTS changes the number of concurrent clients (50 by default, as the bars say).
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("DISPATCH_BENCH_HTTP_CLIENTS"), out var clients) && clients is > 0 and <= 550 ? clients : 50;
    private const int RequestsPerClient = 20;
    private const int WarmUpPerClient = 2;

    // Each phase is measured in rounds of RequestsPerClient requests per client; the figures are the medians
    // of the rounds' percentiles, so one stall of the shared machine (which hits every request in flight at
    // once) shows in one round's p99 (reported as worst_round) rather than deciding the phase's.
    private const int Rounds = 5;
    private static readonly int Samples = (RequestsPerClient + WarmUpPerClient) * Clients;
    private const int TownshipsTimed = 3;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromMinutes(10);
    private const string ManagerKey = "bench-manager-key-0123456789abcdef";
    private const string AdminKey = "bench-admin-key-0123456789abcdef";

    /// <inheritdoc />
    public string Name => "http";

    /// <inheritdoc />
    public string Description => "host over loopback Kestrel on Azurite, 10,000 assignments, 50 clients: details, Durable status, township list, check-in POST";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var azurite = await AzuriteInstance.StartNewAsync(cancellationToken: cancellationToken);
        const string hub = "benchhttp";
        var seeding = Stopwatch.StartNew();
        var requests = await new HttpBenchData(new TableServiceClient(azurite.ConnectionString), hub).SeedAsync(cancellationToken);
        report.Figure("http.seed_10000_assignments_s", seeding.Elapsed.TotalSeconds, "s");
        report.Figure("http.seed_requests", requests, "requests");
        Console.Error.WriteLine("http: seeded; measuring");

        // DISPATCH_BENCH_HTTP_PHASES (e.g. "status,checkin") runs a subset.
        var phases = (Environment.GetEnvironmentVariable("DISPATCH_BENCH_HTTP_PHASES") ?? "details,status,township,checkin")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        report.Figure("http.clients", Clients, "clients");
        var cached = await MeasureHostAsync(report, "http", azurite.ConnectionString, hub, singleWriter: true, phases, cancellationToken);

        // The baseline, in the same run: the same reads from a host that is not the only writer, so every
        // read goes to Azurite (as on Azure Functions, where the app scales out). Skipped with
        // DISPATCH_BENCH_HTTP_BASELINE=0; the check-in phase is not repeated (its check-ins are answered).
        phases.Remove("checkin");
        if (phases.Count > 0 && Environment.GetEnvironmentVariable("DISPATCH_BENCH_HTTP_BASELINE") != "0")
        {
            var uncached = await MeasureHostAsync(report, "http.uncached", azurite.ConnectionString, hub, singleWriter: false, phases, cancellationToken);
            foreach (var (name, value) in cached)
            {
                if (uncached.TryGetValue(name, out var baseline) && value > 0)
                {
                    report.Figure($"http.{name}.uncached_over_cached", baseline / value, "x");
                }
            }
        }
    }

    /// <summary>Runs the phases against a fresh host; returns the p99s (and the township median) by phase figure name.</summary>
    private static async Task<Dictionary<string, double>> MeasureHostAsync(BenchReport report, string prefix, string connectionString, string hub, bool singleWriter, HashSet<string> phases, CancellationToken cancellationToken)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        var data = Path.Combine(Path.GetTempPath(), "dispatch-bench-http-" + Environment.ProcessId);
        await using var app = BuildHost(connectionString, hub, data, singleWriter);
        await app.StartAsync(cancellationToken);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            using var http = new HttpClient { BaseAddress = address, Timeout = RequestTimeout };
            http.DefaultRequestHeaders.Add("x-functions-key", ManagerKey);

            var random = new Random(7);
            var ids = Enumerable.Range(0, Samples).Select(_ => HttpBenchData.AssignmentId(random.Next(HttpBenchData.Assignments))).ToArray();
            if (phases.Contains("details"))
            {
                figures["assignment_get.p99"] = Latencies(report, prefix + ".assignment_get", await MeasureGetsAsync(http, i => $"/api/assignments/{ids[i]}", cancellationToken));
            }

            if (phases.Contains("status"))
            {
                figures["durable_status.p99"] = Latencies(report, prefix + ".durable_status", await MeasureGetsAsync(http, i => $"/runtime/webhooks/durabletask/instances/{ids[i]}", cancellationToken));
            }

            if (phases.Contains("township"))
            {
                figures["township_list_1000.median_ms"] = await MeasureTownshipListAsync(report, prefix, http, cancellationToken);
            }

            if (phases.Contains("checkin"))
            {
                await MeasureCheckInPostsAsync(report, app.Services, address, connectionString, hub, cancellationToken);
            }
        }
        finally
        {
            await app.StopAsync(cancellationToken);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }

        return figures;
    }

    private static WebApplication BuildHost(string connectionString, string hub, string data, bool singleWriter)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:Environment"] = "Development",
            ["Dispatch:DataDirectory"] = data,
            ["Dispatch:Storage:Mode"] = "TableStorage",
            ["Dispatch:Storage:ConnectionString"] = connectionString,
            ["Dispatch:Storage:SingleWriter"] = singleWriter ? "true" : "false",
            ["Dispatch:TaskHub"] = hub,
            ["Dispatch:Clock:Mode"] = "Manual",
            ["Dispatch:Clock:Start"] = HttpBenchData.Now.ToString("O"),
            ["Dispatch:Keys:Hr"] = "bench-hr-key-0123456789abcdef",
            ["Dispatch:Keys:Manager"] = ManagerKey,
            ["Dispatch:Keys:Admin"] = AdminKey,
            ["Dispatch:Keys:TokenSigning"] = "bench-signing-key-0123456789abcdef-0123456789",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDispatchHost();

        // The manual clock keeps the worker from running as a service; without its driver no request drains
        // due work either, so the seeded instances only take the writes under test (as with the worker
        // running elsewhere in production).
        builder.Services.RemoveAll<ManualClockDriver>();
        var app = builder.Build();
        app.UseDispatchHost();
        app.MapDispatchEndpoints();
        return app;
    }

    private static async Task<double> MeasureTownshipListAsync(BenchReport report, string prefix, HttpClient http, CancellationToken cancellationToken)
    {
        // One township at a time (a manager's page load) after a warm-up.
        var samples = new List<double>();
        for (var t = -1; t < TownshipsTimed; t++)
        {
            var township = HttpBenchData.Township(Math.Max(t, 0));
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(new Uri($"/api/assignments?township={township}&pageSize=1000", UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"The township list answered {(int)response.StatusCode}.");
            }

            using var json = JsonDocument.Parse(body);
            var count = json.RootElement.GetProperty("items").GetArrayLength();
            if (count != HttpBenchData.Assignments / HttpBenchData.Townships)
            {
                throw new InvalidOperationException($"The township list of {township} held {count} assignments.");
            }

            if (t >= 0)
            {
                samples.Add(elapsed);
            }
        }

        samples.Sort();
        report.Figure(prefix + ".township_list_1000.median_ms", samples[samples.Count / 2], "ms");
        report.Figure(prefix + ".township_list_1000.max_ms", samples[^1], "ms");
        return samples[samples.Count / 2];
    }

    private static async Task MeasureCheckInPostsAsync(BenchReport report, IServiceProvider services, Uri address, string connectionString, string hub, CancellationToken cancellationToken)
    {
        var tokens = services.GetRequiredService<LinkTokenService>();
        var store = services.GetRequiredService<IDocumentStore>();
        var expires = HttpBenchData.Now.AddDays(30);
        var perClient = Math.Min(WarmUpPerClient + (Rounds * RequestsPerClient), HttpBenchData.OpenCheckIns / Clients);
        var roundSize = Math.Max(1, (perClient - WarmUpPerClient) / Rounds);
        var engine = services.GetRequiredService<Dispatch.Durable.Backend.IOrchestrationBackend>();
        var requestsBefore = engine.StorageRequestCount + store.RequestCount;

        // The steady state, as in the other phases: the workflow tables are in memory before the first post.
        await services.GetRequiredService<IWorkflowStorageWarmUp>().WarmUpAsync(cancellationToken);
        var all = new List<(int Round, double Ms)>[Clients];
        var pages = new List<(int Round, double Ms)>[Clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            // A browser per client: the antiforgery cookie lives in its cookie jar.
            using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
            using var browser = new HttpClient(handler) { BaseAddress = address, Timeout = RequestTimeout };
            var mine = new List<(int Round, double Ms)>(perClient);
            var opened = new List<(int Round, double Ms)>(perClient);
            for (var n = 0; n < perClient; n++)
            {
                var checkInId = HttpBenchData.CheckInId((c * perClient) + n, HttpBenchData.Months);
                var path = new Uri("/checkin/" + tokens.Issue(LinkPurposes.CheckIn, checkInId, expires), UriKind.Relative);
                var opening = Stopwatch.GetTimestamp();
                var page = await browser.GetStringAsync(path, ct);
                // Clients run unsynchronized, so a round is the clients' n-th block of posts: about one time slice.
                var round = Math.Min(Rounds - 1, (n - WarmUpPerClient) / roundSize);
                if (n >= WarmUpPerClient)
                {
                    opened.Add((round, Stopwatch.GetElapsedTime(opening).TotalMilliseconds));
                }

                var form = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = AntiforgeryField().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("The check-in page carries no antiforgery token."),
                    [CheckInFields.DaysInVillage] = "22",
                    [CheckInFields.HouseholdsVisited] = "15",
                    [CheckInFields.ProblemsSolved] = "3",
                    [CheckInFields.FundsSecuredYuan] = "50000",
                    [CheckInFields.ProjectsAdvanced] = "1",
                    [CheckInFields.Highlights] = "走访脱贫户，协调修路资金。",
                    [CheckInFields.HelpNeeded] = "无",
                    [CheckInFields.LeaveDays] = "1",
                });
                var started = Stopwatch.GetTimestamp();
                using var response = await browser.PostAsync(path, form, ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                if (n >= WarmUpPerClient)
                {
                    mine.Add((round, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"POST /checkin for {checkInId} answered {(int)response.StatusCode}.");
                }
            }

            all[c] = mine;
            pages[c] = opened;
        });

        report.Figure("http.checkin_post.storage_requests_per_post", (double)(engine.StorageRequestCount + store.RequestCount - requestsBefore) / (perClient * Clients), "requests");

        // Recorded means the event, carrying the answer, is stored for its instance: the orchestration stores
        // the check-in row when it takes the signal (no worker runs here, so none has been taken yet).
        var posted = Enumerable.Range(0, perClient * Clients).Select(i => HttpBenchData.CheckInId(i, HttpBenchData.Months)).ToList();
        var carried = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in new TableServiceClient(connectionString).GetTableClient(hub + "Index").QueryAsync<TableEntity>("Carried eq true", cancellationToken: cancellationToken))
        {
            var data = row.GetString("Data") ?? string.Empty;
            carried.UnionWith(posted.Where(id => data.Contains(id, StringComparison.Ordinal)));
        }

        if (carried.Count != perClient * Clients)
        {
            throw new InvalidOperationException($"{carried.Count} check-in answers are stored as events, not {perClient * Clients}.");
        }

        Latencies(report, "http.checkin_post", ByRound(all));

        // The form page under the same load reads only memory: the floor this machine sets for any request.
        Latencies(report, "http.checkin_page", ByRound(pages));

        static List<double>[] ByRound(List<(int Round, double Ms)>[] samples) =>
            [.. Enumerable.Range(0, Rounds).Select(r => samples.SelectMany(l => l).Where(s => s.Round == r).Select(s => s.Ms).ToList())];
    }

    private static async Task<List<double>[]> MeasureGetsAsync(HttpClient http, Func<int, string> path, CancellationToken cancellationToken)
    {
        // Every client warms up first (its connection, the host's connections to storage, the thread pool),
        // so the figures are the steady state rather than start-up; warm-up targets differ from measured ones.
        await RunClientsAsync(WarmUpPerClient, (c, r) => path(Samples - 1 - ((c * WarmUpPerClient) + r)), cancellationToken);
        var rounds = new List<double>[Rounds];
        for (var round = 0; round < Rounds; round++)
        {
            rounds[round] = await RunClientsAsync(RequestsPerClient, (c, r) => path((c * RequestsPerClient) + r), cancellationToken);
        }

        return rounds;

        async Task<List<double>> RunClientsAsync(int perClient, Func<int, int, string> target, CancellationToken ct)
        {
            var all = new List<double>[Clients];
            await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = ct }, async (c, token) =>
            {
                var mine = new List<double>(perClient);
                for (var r = 0; r < perClient; r++)
                {
                    var uri = new Uri(target(c, r), UriKind.Relative);
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(uri, token);
                    await response.Content.ReadAsByteArrayAsync(token);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    if ((int)response.StatusCode is not (200 or 202))
                    {
                        throw new InvalidOperationException($"GET {uri} answered {(int)response.StatusCode}.");
                    }
                }

                all[c] = mine;
            });
            return [.. all.SelectMany(l => l)];
        }
    }

    /// <summary>Reports the medians over the rounds of each round's p50 and p99, and the worst round's p99; returns the median p99.</summary>
    private static double Latencies(BenchReport report, string name, List<double>[] rounds)
    {
        var measured = rounds.Where(r => r.Count > 0).Select(r => r.Order().ToList()).ToList();
        static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
        static double Median(IEnumerable<double> values) => values.Order().ElementAt((values.Count() - 1) / 2);
        var p99 = Median(measured.Select(r => Percentile(r, 0.99)));
        report.Figure(name + ".p50", Median(measured.Select(r => Percentile(r, 0.50))), "ms");
        report.Figure(name + ".p99", p99, "ms");
        report.Figure(name + ".p99.worst_round", measured.Max(r => Percentile(r, 0.99)), "ms");
        report.Figure(name + ".requests", measured.Sum(r => r.Count), "requests");
        Console.Error.WriteLine($"http: {name} done ({measured.Count} rounds)");
        return p99;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

}
