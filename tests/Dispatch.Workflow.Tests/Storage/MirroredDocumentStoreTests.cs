using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Dispatch.Tables;
using Dispatch.Testing;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Workflow.Tests.Storage;

public sealed class MirroredDocumentStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Table = "docs";

    [Fact]
    public async Task Reads_AfterLoad_MakeNoStorageRequestsAndReturnWhatWasWritten()
    {
        var (behind, mirror) = NewStores();
        await mirror.UpsertAsync(Table, "p1", "b|1", new Doc("p1b1", 1));
        await mirror.UpsertAsync(Table, "p1", "a|2", new Doc("p1a2", 2));
        (await mirror.TryInsertAsync(Table, "p1", "a|1", new Doc("p1a1", 3))).ShouldNotBeNull();
        var etag = await mirror.UpsertAsync(Table, "p2", "a|1", new Doc("p2a1", 4));
        (await mirror.TryInsertAsync(Table, "p2", "gone", new Doc("gone", 5))).ShouldNotBeNull();
        (await mirror.TryDeleteAsync(Table, "p2", "gone", etag: null)).ShouldBeTrue();
        var requests = mirror.RequestCount;

        (await mirror.GetAsync<Doc>(Table, "p2", "a|1")).ShouldBe(new Stored<Doc>(new Doc("p2a1", 4), etag));
        (await mirror.GetAsync<Doc>(Table, "p2", "gone")).ShouldBeNull();
        (await mirror.GetAsync<Doc>(Table, "p9", "a|1")).ShouldBeNull();
        (await mirror.QueryAsync<Doc>(Table, "p1")).Select(s => s.Value.Id).ShouldBe(["p1a1", "p1a2", "p1b1"]);
        (await mirror.QueryAsync<Doc>(Table, "p9")).ShouldBeEmpty();
        var all = await mirror.QueryAsync<Doc>(Table, null);
        (await mirror.QueryPrefixAsync<Doc>(Table, "p1", "a|")).Select(s => s.Value.Id).ShouldBe(["p1a1", "p1a2"]);
        (await mirror.QueryPrefixAsync<Doc>(Table, "p1", "c|")).ShouldBeEmpty();
        (await mirror.QueryPrefixAsync<Doc>(Table, "p9", "a|")).ShouldBeEmpty();

        mirror.RequestCount.ShouldBe(requests);
        all.Select(s => s.Value.Id).ShouldBe(["p1a1", "p1a2", "p1b1", "p2a1"]);
        all.ShouldBe(await behind.QueryAsync<Doc>(Table, null));
    }

    [Fact]
    public async Task Load_MoreThanOnePageAlreadyStored_FindsEveryRowInOrder()
    {
        var prefix = AzuriteFixture.UniqueTableName("mir");
        var behind = Plain(prefix);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_100), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await behind.UpsertAsync(Table, "p", Row(i), new Doc(Row(i), i), ct));
        await behind.UpsertAsync(Table, "q", Row(0), new Doc("q", -1));
        var mirror = new MirroredDocumentStore(Plain(prefix));

        await mirror.WarmUpAsync([Table]);

        // One create-if-not-exists and two pages of at most 1,000 entities.
        mirror.RequestCount.ShouldBe(3);
        var all = await mirror.QueryAsync<Doc>(Table, null);
        all.Count.ShouldBe(1_101);
        all.Select(s => s.Value.Id).ShouldBe(Enumerable.Range(0, 1_100).Select(Row).Append("q"));
        all.ShouldBe(await behind.QueryAsync<Doc>(Table, null));
        (await mirror.GetAsync<Doc>(Table, "p", Row(777))).ShouldBe(await behind.GetAsync<Doc>(Table, "p", Row(777)));
        (await mirror.QueryPrefixAsync<Doc>(Table, "p", "r005")).Select(s => s.Value.N).ShouldBe(Enumerable.Range(50, 10));
        mirror.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task TryReplace_StaleETagAfterWriteBehindMirror_ReturnsNullThenFreshETagSucceeds()
    {
        var (behind, mirror) = NewStores();
        var stale = await mirror.UpsertAsync(Table, "p", "r", new Doc("mine", 1));
        await behind.UpsertAsync(Table, "p", "r", new Doc("theirs", 2));

        (await mirror.TryReplaceAsync(Table, "p", "r", new Doc("mine", 3), stale)).ShouldBeNull();

        var fresh = (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldNotBeNull();
        fresh.ShouldBe(await behind.GetAsync<Doc>(Table, "p", "r"));
        fresh.Value.ShouldBe(new Doc("theirs", 2));
        var next = await mirror.TryReplaceAsync(Table, "p", "r", new Doc("mine", 4), fresh.ETag);
        next.ShouldNotBeNull();
        (await behind.GetAsync<Doc>(Table, "p", "r")).ShouldBe(new Stored<Doc>(new Doc("mine", 4), next));
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBe(new Stored<Doc>(new Doc("mine", 4), next));
    }

    [Fact]
    public async Task TryInsert_RowWrittenBehindMirror_ReturnsNullAndMirrorsStoredRow()
    {
        var (behind, mirror) = NewStores();
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBeNull();
        await behind.UpsertAsync(Table, "p", "r", new Doc("theirs", 1));

        (await mirror.TryInsertAsync(Table, "p", "r", new Doc("mine", 2))).ShouldBeNull();

        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBe(await behind.GetAsync<Doc>(Table, "p", "r"));
        (await mirror.QueryAsync<Doc>(Table, "p")).Select(s => s.Value.Id).ShouldBe(["theirs"]);
    }

    [Fact]
    public async Task TryDelete_RowDeletedBehindMirror_ReturnsFalseAndForgetsRow()
    {
        var (behind, mirror) = NewStores();
        var etag = await mirror.UpsertAsync(Table, "p", "r", new Doc("mine", 1));
        (await behind.TryDeleteAsync(Table, "p", "r", etag: null)).ShouldBeTrue();

        (await mirror.TryDeleteAsync(Table, "p", "r", etag)).ShouldBeFalse();

        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBeNull();
        (await mirror.QueryAsync<Doc>(Table, null)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Upsert_FiftyConcurrentOfOneRow_OneInFlightAtATimeAndMirrorEqualsStorage()
    {
        var prefix = AzuriteFixture.UniqueTableName("mir");
        var writes = new InFlightWrites();
        var options = new TableClientOptions();
        options.AddPolicy(writes, HttpPipelinePosition.PerCall);
        var mirror = new MirroredDocumentStore(new TableDocumentStore(new TableServiceClient(azurite.ConnectionString, options), prefix));
        var behind = Plain(prefix);
        await mirror.WarmUpAsync([Table]);

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => mirror.UpsertAsync(Table, "p", "r", new Doc("d", i)))));

        // Two writes of one row in flight together could reach the mirror in the opposite order storage took them.
        writes.MaxPerRow.ShouldBe(1);
        writes.Count.ShouldBe(50);
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBe(await behind.GetAsync<Doc>(Table, "p", "r"));
    }

    [Fact]
    public async Task TryReplace_FiftyConcurrentIncrementLoops_NoneLostAndMirrorEqualsStorage()
    {
        var (behind, mirror) = NewStores();
        await mirror.UpsertAsync(Table, "p", "r", new Doc("counter", 0));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var current = (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldNotBeNull();
                if (await mirror.TryReplaceAsync(Table, "p", "r", current.Value with { N = current.Value.N + 1 }, current.ETag) is not null)
                {
                    return;
                }
            }
        })));

        var stored = (await behind.GetAsync<Doc>(Table, "p", "r")).ShouldNotBeNull();
        stored.Value.N.ShouldBe(50);
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBe(stored);
    }

    [Fact]
    public async Task FirstAccess_TwentyConcurrentCallersOnUnloadedTable_LoadsItOnce()
    {
        var prefix = AzuriteFixture.UniqueTableName("mir");
        var behind = Plain(prefix);
        for (var i = 0; i < 3; i++)
        {
            await behind.UpsertAsync(Table, "p", Row(i), new Doc(Row(i), i));
        }

        var mirror = new MirroredDocumentStore(Plain(prefix));

        var found = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => mirror.GetAsync<Doc>(Table, "p", Row(i % 3)))));

        found.Select(s => s.ShouldNotBeNull().Value.N).ShouldBe(Enumerable.Range(0, 20).Select(i => i % 3));

        // One create-if-not-exists and one page.
        mirror.RequestCount.ShouldBe(2);
    }

    [Fact]
    public async Task FirstAccess_StorageDownDuringLoad_ThrowsAndNextCallerLoads()
    {
        await using var storage = await AzuriteInstance.StartNewAsync();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        var mirror = new MirroredDocumentStore(new TableDocumentStore(new TableServiceClient(storage.ConnectionString, options), AzuriteFixture.UniqueTableName("mir")));
        await storage.StopAsync();

        await Should.ThrowAsync<RequestFailedException>(() => mirror.GetAsync<Doc>(Table, "p", "r"));

        await storage.StartAsync();
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBeNull();
        var etag = await mirror.UpsertAsync(Table, "p", "r", new Doc("back", 1));
        (await mirror.GetAsync<Doc>(Table, "p", "r")).ShouldBe(new Stored<Doc>(new Doc("back", 1), etag));
    }

    [Fact]
    public async Task AddDispatchWorkflow_MirrorTables_RegistersOneMirrorAsStoreAndWarmUp()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton(new TableServiceClient(azurite.ConnectionString))
            .AddDispatchWorkflow(WorkflowStorage.TableStorage, AzuriteFixture.UniqueTableName("mir"), mirrorTables: true)
            .BuildServiceProvider();

        var store = provider.GetRequiredService<IDocumentStore>().ShouldBeOfType<MirroredDocumentStore>();
        var warmUp = provider.GetRequiredService<IWorkflowStorageWarmUp>();
        warmUp.ShouldBeSameAs(store);

        await warmUp.WarmUpAsync();

        // Every workflow table: one create-if-not-exists and one (empty) page each.
        store.RequestCount.ShouldBe(2 * WorkflowRepository.Tables.Count);
        await provider.GetRequiredService<WorkflowRepository>().GetVillageAsync("v1");
        store.RequestCount.ShouldBe(2 * WorkflowRepository.Tables.Count);
    }

    [Fact]
    public async Task AddDispatchWorkflow_NoMirror_RegistersPlainTablesAndNoWarmUp()
    {
        await using var provider = new ServiceCollection()
            .AddSingleton(new TableServiceClient(azurite.ConnectionString))
            .AddDispatchWorkflow(WorkflowStorage.TableStorage, AzuriteFixture.UniqueTableName("mir"))
            .BuildServiceProvider();

        provider.GetRequiredService<IDocumentStore>().ShouldBeOfType<TableDocumentStore>();
        provider.GetService<IWorkflowStorageWarmUp>().ShouldBeNull();
    }

    private static string Row(int i) => "r" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private (TableDocumentStore Behind, MirroredDocumentStore Mirror) NewStores()
    {
        var prefix = AzuriteFixture.UniqueTableName("mir");
        return (Plain(prefix), new MirroredDocumentStore(Plain(prefix)));
    }

    private TableDocumentStore Plain(string prefix) => new(new TableServiceClient(azurite.ConnectionString), prefix);

    private sealed record Doc(string Id, int N);

    /// <summary>Counts entity writes (PUT) and the most ever in flight at once for one entity.</summary>
    private sealed class InFlightWrites : HttpPipelinePolicy
    {
        private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
        private int _max;
        private int _count;

        public int MaxPerRow => Volatile.Read(ref _max);

        public int Count => Volatile.Read(ref _count);

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method != RequestMethod.Put)
            {
                await ProcessNextAsync(message, pipeline);
                return;
            }

            var key = message.Request.Uri.ToString();
            var now = _inFlight.AddOrUpdate(key, 1, (_, n) => n + 1);
            Interlocked.Increment(ref _count);
            for (var max = Volatile.Read(ref _max); now > max && Interlocked.CompareExchange(ref _max, now, max) != max; max = Volatile.Read(ref _max))
            {
            }

            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            finally
            {
                _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
            }
        }
    }
}
