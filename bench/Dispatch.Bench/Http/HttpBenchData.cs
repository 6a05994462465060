using System.Globalization;
using System.Text.Json;
using Dispatch.Durable.Client;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Tables;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Dispatch.Workflow.Storage;

namespace Dispatch.Bench.Http;

/// <summary>
/// Writes a large round straight into Table Storage in the formats the engine and the workflow store use
/// (instance rows with their lookup rows; assignment and check-in documents), so 10,000 running assignments
/// are stored in seconds instead of driving 10,000 orchestrations through their first steps. Every
/// assignment is in the term stage at month <see cref="Months"/> with one check-in per month; the last
/// check-in of the first <see cref="OpenCheckIns"/> assignments is still open.
/// </summary>
internal sealed class HttpBenchData(TableServiceClient service, string hub)
{
    public const string RoundId = "r2026";
    public const int Assignments = 10_000;
    public const int Townships = 10;
    public const int Months = 3;
    public const int OpenCheckIns = 5_100;
    private const int Parallelism = 32;
    private static readonly DateTimeOffset TermStart = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly JsonSerializerOptions EngineJson = new(JsonSerializerDefaults.Web);

    /// <summary>The clock the host runs at: in month <see cref="Months"/> of the term, the open check-ins not yet closed.</summary>
    public static DateTimeOffset Now { get; } = TermStart.AddMonths(Months - 1).AddDays(3);

    public static string AssignmentId(int i) => DomainIds.AssignmentId(RoundId, Village(i));

    public static string Township(int i) => "t" + (i % Townships).ToString("D2", CultureInfo.InvariantCulture);

    public static string CheckInId(int i, int month) => AssignmentId(i) + "|" + Period(month);

    /// <summary>Writes everything; returns the number of storage requests.</summary>
    public async Task<long> SeedAsync(CancellationToken cancellationToken)
    {
        // The engine creates the hub first, as a host would, so the rows below go to the shards it records.
        var engine = new TableOrchestrationBackend(new TableOrchestrationBackendOptions { ServiceClient = service, TaskHubName = hub });
        await engine.EnsureCreatedAsync(cancellationToken);
        var shardCount = engine.ShardCount;
        var instances = service.GetTableClient(hub + "Instances");
        var index = service.GetTableClient(hub + "Lookup");
        var assignments = service.GetTableClient(hub + WorkflowRepository.Assignments);
        var checkIns = service.GetTableClient(hub + WorkflowRepository.CheckIns);
        foreach (var table in new[] { instances, index, assignments, checkIns })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        long requests = 4 + engine.StorageRequestCount;
        var lookups = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var records = new List<TableEntity>(Assignments);
        var checkInRows = new List<TableEntity>(Assignments * Months);
        for (var i = 0; i < Assignments; i++)
        {
            var record = InstanceOf(i);
            var shard = TableKeys.Shard(record.InstanceId, shardCount);
            if (!lookups.TryGetValue(shard, out var rows))
            {
                lookups[shard] = rows = [];
            }

            rows.AddRange(TableOrchestrationBackend.LookupRowKeys(record).Select(rk => new TableEntity(shard, rk) { ["InstanceId"] = record.InstanceId }));
            records.Add(Document(RoundId, AssignmentId(i), RecordOf(i)));
            for (var month = 1; month <= Months; month++)
            {
                checkInRows.Add(Document(RoundId, CheckInId(i, month), CheckInOf(i, month)));
            }
        }

        // Instance rows live one per partition, so each is its own request; everything else goes in batches of 100.
        await Parallel.ForEachAsync(Enumerable.Range(0, Assignments), Options(cancellationToken), async (i, ct) =>
            await instances.UpsertEntityAsync(TableOrchestrationBackend.InstanceEntity(InstanceOf(i), historyLength: 0), TableUpdateMode.Replace, ct));
        requests += Assignments;
        var batches = lookups.Values.SelectMany(rows => rows.Chunk(100)).Select(chunk => (index, chunk))
            .Concat(records.Chunk(100).Select(chunk => (assignments, chunk)))
            .Concat(checkInRows.Chunk(100).Select(chunk => (checkIns, chunk)))
            .ToList();
        await Parallel.ForEachAsync(batches, Options(cancellationToken), async (batch, ct) =>
            await batch.Item1.SubmitTransactionAsync(batch.chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
        return requests + batches.Count;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static string Village(int i) => "v" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string Cadre(int i) => "c" + i.ToString("D5", CultureInfo.InvariantCulture);

    private static string Period(int month) => TermStart.AddMonths(month - 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static DateTimeOffset NextDue(int i) => i < OpenCheckIns ? Now.AddDays(7) : TermStart.AddMonths(Months).AddDays(-5);

    private static InstanceRecord InstanceOf(int i)
    {
        var id = AssignmentId(i);
        var due = NextDue(i);
        var status = new AssignmentStatus
        {
            Stage = AssignmentStage.Term,
            NextAction = $"checkin:{Period(Months)}:answer",
            NextDueAt = due,
            Month = Months,
            MonthsInTerm = 24,
            CadreId = Cadre(i),
        };
        return new InstanceRecord
        {
            InstanceId = id,
            Name = AssignmentOrchestrator.Name,
            ExecutionId = "e" + i.ToString("D8", CultureInfo.InvariantCulture),
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = TermStart.AddDays(-30),
            LastUpdatedAt = Now.AddDays(-3),
            Input = JsonSerializer.Serialize(new LifecycleState { Start = new AssignmentStart { RoundId = RoundId, VillageId = Village(i) } }, EngineJson),
            CustomStatus = JsonSerializer.Serialize(status, EngineJson),
            BusinessKeys = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [BusinessKeys.Round] = RoundId,
                [BusinessKeys.Village] = Village(i),
                [BusinessKeys.Township] = Township(i),
                [BusinessKeys.Stage] = BusinessKeys.StageCode(AssignmentStage.Term),
                [BusinessKeys.NextAction] = status.NextAction,
                [BusinessKeys.NextDue] = due.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                [BusinessKeys.Cadre] = Cadre(i),
            },
            NextTimerAt = due,
        };
    }

    private static AssignmentRecord RecordOf(int i) => new()
    {
        Id = AssignmentId(i),
        RoundId = RoundId,
        VillageId = Village(i),
        VillageName = $"第{i}村",
        Township = Township(i),
        Stage = AssignmentStage.Term,
        CadreId = Cadre(i),
        CadreName = $"干部{i}",
        TermStart = DateOnly.FromDateTime(TermStart.UtcDateTime),
        TermEnd = DateOnly.FromDateTime(TermStart.AddMonths(24).UtcDateTime),
        NextAction = $"checkin:{Period(Months)}:answer",
        NextDueAt = NextDue(i),
        UpdatedAt = Now.AddDays(-3),
    };

    private static CheckInRecord CheckInOf(int i, int month)
    {
        var requested = TermStart.AddMonths(month - 1).AddDays(25);
        var open = month == Months && i < OpenCheckIns;
        return new CheckInRecord
        {
            Id = CheckInId(i, month),
            AssignmentId = AssignmentId(i),
            RoundId = RoundId,
            Period = Period(month),
            Status = open ? CheckInStatus.Requested : CheckInStatus.Answered,
            RequestedAt = requested,
            ClosesAt = requested.AddDays(10),
            AnsweredAt = open ? null : requested.AddDays(2),
            Source = open ? null : "form",
            Answer = open ? null : new Dispatch.Mail.CheckInAnswer
            {
                DaysInVillage = 22,
                HouseholdsVisited = 15,
                ProblemsSolved = 3,
                FundsSecuredYuan = 50_000m,
                ProjectsAdvanced = 1,
                Highlights = "走访脱贫户，协调修路资金。",
                HelpNeeded = "无",
                LeaveDays = 1,
            },
        };
    }

    private static TableEntity Document<T>(string partition, string row, T value) =>
        TableDocumentStore.Entity(partition, row, TableDocumentStore.Serialize(value));
}
