using Dispatch.Durable.Storage.Tables;
using Dispatch.Tables;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>A task hub records the shard count it was created with and keeps it, whatever is configured later.</summary>
public sealed class HubShardCountTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableOrchestrationBackend Backend(string hub, int? shards = null) => new(new TableOrchestrationBackendOptions
    {
        ConnectionString = azurite.ConnectionString,
        TaskHubName = hub,
        ShardCount = shards,
    });

    [Fact]
    public async Task EnsureCreatedAsync_NewHubNoCount_RecordsTheDefault()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var backend = Backend(hub);

        await backend.EnsureCreatedAsync();

        backend.ShardCount.ShouldBe(TableOrchestrationBackend.DefaultShardCount);
        var record = await Index(hub).GetEntityAsync<TableEntity>(TableKeys.HubPartition, TableKeys.HubRow);
        record.Value.GetInt32("ShardCount").ShouldBe(TableOrchestrationBackend.DefaultShardCount);
    }

    [Fact]
    public async Task EnsureCreatedAsync_RecordedHubConfiguredOtherwise_KeepsTheRecordedCount()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        await Backend(hub, shards: 4).EnsureCreatedAsync();

        var later = Backend(hub, shards: 16);
        await later.EnsureCreatedAsync();

        later.ShardCount.ShouldBe(4);
    }

    [Fact]
    public async Task EnsureCreatedAsync_HubWrittenBeforeHubsRecordedTheirCount_KeepsEight()
    {
        // A hub of an earlier version: its tables exist, with work in them, and no record.
        var hub = await OlderHubAsync();
        await new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Instances").AddEntityAsync(new TableEntity(TableKeys.Partition("i1"), TableKeys.InstanceRow("i1")));
        await Index(hub).AddEntityAsync(new TableEntity(TableKeys.ShardName(3), TableKeys.DueRow(TableKeys.Position(1, 1), "i1", 'M', "m1")));
        var backend = Backend(hub);

        await backend.EnsureCreatedAsync();

        backend.ShardCount.ShouldBe(8);
        (await Index(hub).GetEntityAsync<TableEntity>(TableKeys.HubPartition, TableKeys.HubRow)).Value.GetInt32("ShardCount").ShouldBe(8);
    }

    [Fact]
    public async Task EnsureCreatedAsync_TwoHostsCreateOneHub_AgreeOnOneCount()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var first = Backend(hub, shards: 3);
        var second = Backend(hub, shards: 5);

        await Task.WhenAll(first.EnsureCreatedAsync(), second.EnsureCreatedAsync());

        first.ShardCount.ShouldBe(second.ShardCount);
        first.ShardCount.ShouldBeOneOf(3, 5);
    }

    [Fact]
    public async Task CreateInstanceAsync_WithoutEnsureCreated_UsesTheHubsCount()
    {
        var hub = await OlderHubAsync();
        var backend = Backend(hub);
        await backend.CreateInstanceAsync(new Backend.OrchestrationMessage
        {
            MessageId = "s1",
            InstanceId = "i1",
            ExecutionId = "e1",
            Event = new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, Name = "Chain", ExecutionId = "e1", Timestamp = DateTimeOffset.UnixEpoch },
        }, []);

        backend.ShardCount.ShouldBe(TableOrchestrationBackend.DefaultShardCount);
        var due = new List<TableEntity>();
        await foreach (var row in Index(hub).QueryAsync<TableEntity>("RowKey lt ':'"))
        {
            due.Add(row);
        }

        due.ShouldHaveSingleItem().PartitionKey.ShouldBe(TableKeys.Shard("i1", TableOrchestrationBackend.DefaultShardCount));
    }

    [Fact]
    public void Validate_ShardCountOutOfRange_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Backend("hubx", shards: 0));
        Should.Throw<ArgumentOutOfRangeException>(() => Backend("hubx", shards: 65));
    }

    // The engine's tables as a host of an earlier version left them: created, without the hub's record.
    private async Task<string> OlderHubAsync()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var service = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in new[] { "Instances", "Index", "Lookup" })
        {
            await service.GetTableClient(hub + table).CreateIfNotExistsAsync();
        }

        return hub;
    }

    private TableClient Index(string hub) => new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Index");
}
