using Dispatch.Durable.Backend;
using Dispatch.Durable.Testing;
using Dispatch.Mail;
using Dispatch.Tables;
using Dispatch.Testing;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>The time-skipping host with the workflow registered, a recording outbox and a seeded round.</summary>
internal sealed class WorkflowHarness : IAsyncDisposable
{
    public static readonly DateOnly RoundStart = new(2026, 7, 1);

    private WorkflowHarness(DurableTestHost host, RecordingNoticeSender outbox, FakeTimeProvider clock)
    {
        Host = host;
        Outbox = outbox;
        Clock = clock;
        Service = host.Services.GetRequiredService<AssignmentService>();
    }

    public DurableTestHost Host { get; }

    public RecordingNoticeSender Outbox { get; }

    public FakeTimeProvider Clock { get; }

    public AssignmentService Service { get; }

    public static async Task<WorkflowHarness> StartAsync(Func<TimeProvider, IOrchestrationBackend>? backend = null, Dictionary<string, string?>? settings = null, string? azuriteConnectionString = null, bool mirrorTables = false)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var outbox = new RecordingNoticeSender();
        var host = await DurableTestHost.StartAsync(
            r => r.AddDispatchWorkflow(),
            new DurableTestHostOptions
            {
                TimeProvider = clock,
                Backend = backend,
                ConfigureServices = s =>
                {
                    s.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
                    s.AddSingleton<INoticeSender>(outbox);
                    if (azuriteConnectionString is null)
                    {
                        s.AddDispatchWorkflow(WorkflowStorage.InMemory);
                    }
                    else
                    {
                        s.AddSingleton(new TableServiceClient(azuriteConnectionString));
                        s.AddDispatchWorkflow(WorkflowStorage.TableStorage, AzuriteFixture.UniqueTableName("wf"), mirrorTables);
                    }
                },
            });
        return new WorkflowHarness(host, outbox, clock);
    }

    public async Task SeedAsync(int villages = 2, params Cadre[] extraCadres)
    {
        (await Service.UpsertRoundAsync(new Round { Id = "r1", Name = "蓬江区2026年轮换", Region = "蓬江区", StartsOn = RoundStart })).IsValid.ShouldBeTrue();
        var vs = Enumerable.Range(1, villages).Select(i => new Village
        {
            Id = $"v{i}",
            Name = $"禾冈{i}",
            Township = "棠下镇",
            Categories = [VillageCategories.FormerlyPoorVillage],
            Needs = ["industry"],
        }).ToList();
        (await Service.UpsertVillagesAsync(vs)).IsValid.ShouldBeTrue();
        var cadres = new List<Cadre>
        {
            Cadre("c1", "industry"),
            Cadre("c2", "industry"),
            Cadre("c3"),
            Cadre("c4"),
        };
        cadres.AddRange(extraCadres);
        (await Service.UpsertCadresAsync(cadres)).IsValid.ShouldBeTrue();
    }

    public static Cadre Cadre(string id, params string[] skills) => new()
    {
        Id = id,
        Name = "干部" + id,
        Email = id + "@example.org",
        Unit = "water",
        UnitLevel = UnitLevel.County,
        PartyMember = true,
        BirthDate = new DateOnly(1990, 1, 1),
        WorkStartDate = new DateOnly(2014, 7, 1),
        Skills = skills,
    };

    public static CheckInAnswer Answer(int days = 22) => new()
    {
        DaysInVillage = days,
        HouseholdsVisited = 12,
        ProblemsSolved = 3,
        FundsSecuredYuan = 50_000m,
        ProjectsAdvanced = 1,
        Highlights = "修缮村道",
        HelpNeeded = string.Empty,
        LeaveDays = 2,
    };

    public Task RunAsync() => Host.RunUntilIdleAsync();

    public Task AdvanceDaysAsync(double days) => Host.AdvanceAsync(TimeSpan.FromDays(days));

    public async Task<AssignmentDetails> DetailsAsync(string id) => (await Service.GetAssignmentAsync(id)).ShouldNotBeNull();

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
