using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>The instance-row cache: what it serves without storage, and that a slow read never wins over a write.</summary>
public sealed class InstanceRowCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);

    private static InstanceRecord Record(string id, OrchestrationRuntimeStatus status) => new()
    {
        InstanceId = id,
        Name = "Chain",
        ExecutionId = "e1",
        RuntimeStatus = status,
        CreatedAt = Start,
        LastUpdatedAt = Start,
    };

    private static OrchestrationMessage StartMessage(string instanceId) => new()
    {
        MessageId = instanceId + ":start",
        InstanceId = instanceId,
        ExecutionId = "e1",
        Event = new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, Name = "Chain", ExecutionId = "e1", Input = "\"in\"", Timestamp = Start },
    };

    private TableOrchestrationBackend Backend(string hub, bool cache) => new(new TableOrchestrationBackendOptions
    {
        ConnectionString = azurite.ConnectionString,
        TaskHubName = hub,
        ShardCount = 4,
        TimeProvider = _clock,
        CacheInstanceRows = cache,
    });

    [Fact]
    public void Fill_ReadStartedBeforeAWrite_KeepsTheWrittenRow()
    {
        var cache = new InstanceRowCache();
        var version = cache.Version("a");
        cache.Set("a", Record("a", OrchestrationRuntimeStatus.Completed), new Azure.ETag("new"));

        cache.Fill("a", Record("a", OrchestrationRuntimeStatus.Running), new Azure.ETag("old"), version);

        cache.TryGet("a", out var row).ShouldBeTrue();
        row!.Value.Record.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        row.Value.ETag.ShouldBe(new Azure.ETag("new"));
    }

    [Fact]
    public void Fill_RefusedByAnotherRowsWriteInACompleteCache_LeavesTheRowUnknownNotMissing()
    {
        var cache = new InstanceRowCache();
        var versions = cache.Versions();
        // Another row of the same stripe is written while the scan page is read.
        var before = cache.Version("a");
        for (var i = 0; cache.Version("a") == before; i++)
        {
            cache.Invalidate("other" + i);
        }

        cache.Fill("a", Record("a", OrchestrationRuntimeStatus.Running), new Azure.ETag("e"), versions);
        cache.MarkComplete();

        cache.TryGet("a", out _).ShouldBeFalse();
        cache.TryGet("never-created", out var missing).ShouldBeTrue();
        missing.ShouldBeNull();
    }

    [Fact]
    public async Task EnsureCreated_InstancesWrittenBefore_AreServedWithoutStorageRequests()
    {
        var hub = AzuriteFixture.UniqueTableName("cache");
        var writer = Backend(hub, cache: false);
        await writer.EnsureCreatedAsync();
        // More than one page of the loading scan.
        await Parallel.ForEachAsync(Enumerable.Range(0, 1_050), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await writer.CreateInstanceAsync(StartMessage("i" + i), [], ct));

        var cached = Backend(hub, cache: true);
        await cached.EnsureCreatedAsync();
        var before = cached.StorageRequestCount;

        (await cached.GetInstanceAsync("i0", includePayloads: true))!.Input.ShouldBe("\"in\"");
        (await cached.GetInstanceAsync("i1049", includePayloads: false))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        (await cached.GetInstanceAsync("nobody", includePayloads: false)).ShouldBeNull();
        await cached.SendMessagesAsync([new OrchestrationMessage
        {
            MessageId = "to-nobody",
            InstanceId = "nobody",
            Event = new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = "go", Timestamp = Start },
        }]);

        cached.StorageRequestCount.ShouldBe(before);

        // The worker and the host's initializer both ensure the tables: concurrent and later calls share the load.
        await Task.WhenAll(cached.EnsureCreatedAsync(), cached.EnsureCreatedAsync());
        cached.StorageRequestCount.ShouldBe(before + 6);
        (await cached.GetInstanceAsync("i7", includePayloads: false)).ShouldNotBeNull();
        cached.StorageRequestCount.ShouldBe(before + 6);
    }

    [Fact]
    public async Task CommitAndPurge_ThroughTheCachingBackend_AreSeenWithoutStorageRequests()
    {
        var backend = Backend(AzuriteFixture.UniqueTableName("cache"), cache: true);
        await backend.EnsureCreatedAsync();
        await backend.CreateInstanceAsync(StartMessage("x"), []);
        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, TimeSpan.FromSeconds(30));
        var item = claim.Orchestrations.Single();
        var snapshot = (await backend.LoadInstanceAsync("x"))!;
        await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = item,
            ExpectedETag = snapshot.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Completed, Output = "\"done\"", HistoryLength = 2 },
            NewHistory = [item.Messages[0].Event, new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Result = "\"done\"", Timestamp = Start }],
        });

        var before = backend.StorageRequestCount;
        var done = await backend.GetInstanceAsync("x", includePayloads: true);
        backend.StorageRequestCount.ShouldBe(before);
        done!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        done.Output.ShouldBe("\"done\"");

        (await backend.PurgeInstanceAsync("x")).ShouldBeTrue();
        before = backend.StorageRequestCount;
        (await backend.GetInstanceAsync("x", includePayloads: false)).ShouldBeNull();
        backend.StorageRequestCount.ShouldBe(before);

        // What storage holds agrees with what the cache served.
        var fresh = Backend(backend.Options.TaskHubName, cache: false);
        (await fresh.GetInstanceAsync("x", includePayloads: false)).ShouldBeNull();
    }
}
