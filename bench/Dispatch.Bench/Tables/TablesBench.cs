using System.Diagnostics;
using System.Globalization;
using Dispatch.Tables;
using Dispatch.Testing;

namespace Dispatch.Bench.Tables;

/// <summary>
/// Table client throughput on a private Azurite, operation by operation, against the official JavaScript SDK
/// (@azure/data-tables) on the same Azurite in the same run. Each round measures ours and the SDK's back to
/// back (alternating who goes first); ops/s figures are medians over the rounds, and each ratio (ours / theirs)
/// is the median of the per-round ratios.
/// Knobs: DISPATCH_BENCH_ROUNDS (default 5), DISPATCH_BENCH_SECONDS per measurement (default 1.5),
/// DISPATCH_BENCH_OPS (comma-separated subset of insert,read,upsert,batch,query).
/// </summary>
public sealed class TablesBench : IBenchSuite
{
    private const string DataTable = "benchdata";
    private static readonly string[] AllOps = ["insert", "read", "upsert", "batch", "query"];
    private static readonly int[] Concurrencies = [1, 16];

    private long _sequence;

    public string Name => "tables";

    public string Description => "Table client ops/s (insert, point read, merge upsert, 10-entity transaction, 1,000-row query) at c1/c16 vs @azure/data-tables";

    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        var rounds = EnvInt("DISPATCH_BENCH_ROUNDS", 5);
        var seconds = EnvDouble("DISPATCH_BENCH_SECONDS", 1.5);
        var chosen = Environment.GetEnvironmentVariable("DISPATCH_BENCH_OPS")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ops = chosen is { Length: > 0 } ? AllOps.Where(chosen.Contains).ToArray() : AllOps;

        await using var azurite = await AzuriteInstance.StartNewAsync(cancellationToken: cancellationToken);
        var service = new TableServiceClient(azurite.ConnectionString);
        await SeedAsync(service, cancellationToken);

        using var js = await JsBaseline.StartAsync(azurite.ConnectionString, cancellationToken);
        var ours = new Dictionary<string, List<double>>();
        var theirs = new Dictionary<string, List<double>>();
        var ratios = new Dictionary<string, List<double>>();

        // Round 0 warms up both (JIT, connection pools, V8) and is not recorded.
        for (var round = 0; round <= rounds; round++)
        {
            var duration = round == 0 ? 0.3 : seconds;
            foreach (var op in ops)
            {
                foreach (var c in Concurrencies)
                {
                    var key = $"{op}.c{c}";
                    var writeTable = await FreshTableAsync(service, op, "dn", round, c, cancellationToken);
                    var jsTable = await FreshTableAsync(service, op, "js", round, c, cancellationToken);
                    double oursRate;
                    double jsRate;
                    if (round % 2 == 0)
                    {
                        oursRate = await MeasureOursAsync(service, op, writeTable, c, duration, cancellationToken);
                        jsRate = await js.MeasureAsync(op, jsTable, c, duration, cancellationToken);
                    }
                    else
                    {
                        jsRate = await js.MeasureAsync(op, jsTable, c, duration, cancellationToken);
                        oursRate = await MeasureOursAsync(service, op, writeTable, c, duration, cancellationToken);
                    }

                    if (round > 0)
                    {
                        Add(ours, key, oursRate);
                        Add(theirs, key, jsRate);
                        Add(ratios, key, oursRate / jsRate);
                        BenchReport.Note(string.Create(CultureInfo.InvariantCulture, $"  round {round} {key}: ours {oursRate:0.0} ops/s, js {jsRate:0.0} ops/s"));
                    }
                }
            }
        }

        foreach (var op in ops)
        {
            foreach (var c in Concurrencies)
            {
                var key = $"{op}.c{c}";
                var o = Median(ours[key]);
                var t = Median(theirs[key]);
                report.Figure($"tables.{key}", o, "ops/s");
                report.Figure($"tables.js.{key}", t, "ops/s");
                // The ratio is the median of each round's back-to-back pair, which cancels load drift between rounds.
                report.Figure($"tables.ratio.{key}", Median(ratios[key]), "x");
            }
        }
    }

    private static async Task<string> FreshTableAsync(TableServiceClient service, string op, string who, int round, int c, CancellationToken cancellationToken)
    {
        // Reads and queries share the seeded table; writes go to a fresh table per client and round.
        if (op is "read" or "upsert" or "query")
        {
            return DataTable;
        }

        var name = $"{op}{who}r{round}c{c}";
        await service.CreateTableIfNotExistsAsync(name, cancellationToken);
        return name;
    }

    private static async Task SeedAsync(TableServiceClient service, CancellationToken cancellationToken)
    {
        await service.CreateTableIfNotExistsAsync(DataTable, cancellationToken);
        var table = service.GetTableClient(DataTable);
        foreach (var partition in (string[])["read", "q"])
        {
            for (var batch = 0; batch < 10; batch++)
            {
                var actions = new List<TableTransactionAction>(100);
                for (var i = batch * 100; i < (batch + 1) * 100; i++)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, BenchSecretary.Create(partition, RowKey(i))));
                }

                await table.SubmitTransactionAsync(actions, cancellationToken);
            }
        }
    }

    private async Task<double> MeasureOursAsync(TableServiceClient service, string op, string tableName, int concurrency, double seconds, CancellationToken cancellationToken)
    {
        var table = service.GetTableClient(tableName);
        var queryFilter = TableClient.CreateQueryFilter($"PartitionKey eq {"q"}");
        Func<int, Task> operation = op switch
        {
            "insert" => worker => table.AddEntityAsync(BenchSecretary.Create($"w{worker}", "dn" + Next()), cancellationToken),
            "read" => worker => table.GetEntityAsync<BenchSecretary>("read", RowKey((int)(Next() * 7919 % 1000)), cancellationToken: cancellationToken),
            "upsert" => worker =>
            {
                var n = Next();
                return table.UpsertEntityAsync(new BenchTermUpdate { PartitionKey = "read", RowKey = RowKey((int)(n * 7919 % 1000)), Term = (int)n }, TableUpdateMode.Merge, cancellationToken);
            },
            "batch" => worker =>
            {
                var pk = "dnb" + Next();
                var actions = new TableTransactionAction[10];
                for (var j = 0; j < actions.Length; j++)
                {
                    actions[j] = new TableTransactionAction(TableTransactionActionType.Add, BenchSecretary.Create(pk, "r" + j.ToString(CultureInfo.InvariantCulture)));
                }

                return table.SubmitTransactionAsync(actions, cancellationToken);
            },
            "query" => async worker =>
            {
                var n = 0;
                await foreach (var e in table.QueryAsync<BenchSecretary>(queryFilter, cancellationToken: cancellationToken))
                {
                    n += e.Term >= 0 ? 1 : 0;
                }

                if (n != 1000)
                {
                    throw new InvalidOperationException($"The query returned {n} rows, not 1,000.");
                }
            },
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };

        var count = 0L;
        var stopwatch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(seconds);
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var worker = w;
            workers[w] = Task.Run(
                async () =>
                {
                    while (stopwatch.Elapsed < deadline)
                    {
                        await operation(worker);
                        Interlocked.Increment(ref count);
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers);
        return count / stopwatch.Elapsed.TotalSeconds;
    }

    private long Next() => Interlocked.Increment(ref _sequence);

    private static string RowKey(int i) => i.ToString("D4", CultureInfo.InvariantCulture);

    private static void Add(Dictionary<string, List<double>> figures, string key, double value)
    {
        if (!figures.TryGetValue(key, out var list))
        {
            figures[key] = list = [];
        }

        list.Add(value);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    private static double EnvDouble(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
