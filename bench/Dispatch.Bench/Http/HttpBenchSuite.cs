using System.Diagnostics;
using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dispatch.Bench.Http;

/// <summary>The host over loopback Kestrel with 50 concurrent clients: the Durable status route with 10,000 instances stored.</summary>
public sealed class HttpBenchSuite : IBenchSuite
{
    private const int Instances = 10_000;
    private const int Clients = 50;
    private const int RequestsPerClient = 200;
    private const string AdminKey = "bench-admin-key-0123456789abcdef";

    /// <inheritdoc />
    public string Name => "http";

    /// <inheritdoc />
    public string Description => "host over loopback Kestrel, 50 clients: Durable status p99 with 10,000 instances";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var data = Path.Combine(Path.GetTempPath(), "dispatch-bench-http-" + Environment.ProcessId);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dispatch:Environment"] = "Development",
            ["Dispatch:DataDirectory"] = data,
            ["Dispatch:Storage:Mode"] = "InMemory",
            ["Dispatch:Clock:Mode"] = "Manual",
            ["Dispatch:Keys:Hr"] = "bench-hr-key-0123456789abcdef",
            ["Dispatch:Keys:Manager"] = "bench-manager-key-0123456789abcdef",
            ["Dispatch:Keys:Admin"] = AdminKey,
            ["Dispatch:Keys:TokenSigning"] = "bench-signing-key-0123456789abcdef-0123456789",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDispatchHost();
        await using var app = builder.Build();
        app.UseDispatchHost();
        app.MapDispatchEndpoints();
        app.Services.GetRequiredService<DurableTaskRegistry>().AddOrchestratorFunc<string, string>("BenchNoop", (_, input) => Task.FromResult(input));
        await app.StartAsync(cancellationToken);
        try
        {
            var client = app.Services.GetRequiredService<DurableTaskClient>();
            for (var i = 0; i < Instances; i++)
            {
                await client.ScheduleNewOrchestrationInstanceAsync("BenchNoop", "x", new StartOrchestrationOptions($"bench-{i:D5}"), cancellationToken);
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            http.DefaultRequestHeaders.Add("x-functions-key", AdminKey);
            var latencies = await MeasureAsync(http, i => $"/runtime/webhooks/durabletask/instances/bench-{i % Instances:D5}", cancellationToken);
            report.Figure("http.durable_status.p50", Percentile(latencies, 0.50), "ms");
            report.Figure("http.durable_status.p99", Percentile(latencies, 0.99), "ms");
            report.Figure("http.durable_status.rps", latencies.Count / latencies.Sum() * 1000 * Clients, "req/s");
        }
        finally
        {
            await app.StopAsync(cancellationToken);
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    private static async Task<List<double>> MeasureAsync(HttpClient http, Func<int, string> path, CancellationToken cancellationToken)
    {
        var all = new List<double>[Clients];
        await Parallel.ForEachAsync(Enumerable.Range(0, Clients), new ParallelOptions { MaxDegreeOfParallelism = Clients, CancellationToken = cancellationToken }, async (c, ct) =>
        {
            var mine = new List<double>(RequestsPerClient);
            for (var r = 0; r < RequestsPerClient; r++)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(new Uri(path((c * RequestsPerClient) + r), UriKind.Relative), ct);
                await response.Content.ReadAsByteArrayAsync(ct);
                if ((int)response.StatusCode is not (200 or 202))
                {
                    throw new InvalidOperationException($"GET {path(r)} answered {(int)response.StatusCode}.");
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            all[c] = mine;
        });
        return [.. all.SelectMany(l => l)];
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }
}
