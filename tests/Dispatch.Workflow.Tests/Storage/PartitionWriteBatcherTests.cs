using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Dispatch.Tables;
using Dispatch.Testing;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Tests.Storage;

public sealed class PartitionWriteBatcherTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task WriteAsync_LoneWrite_MakesOnePlainRequest()
    {
        var (table, gate) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher();

        var response = await batcher.WriteAsync(table, Add("p", "r", "one"), 3);

        batcher.RequestCount.ShouldBe(1);
        gate.Batches.ShouldBe(0);
        response.Headers.ETag.ShouldBe((await table.GetEntityAsync<TableEntity>("p", "r")).Value.ETag);
    }

    [Fact]
    public async Task WriteAsync_WritesQueuedBehindAnInFlightOne_GoTogetherInOneTransaction()
    {
        var (table, gate) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher();
        var hold = gate.HoldNext();
        var first = batcher.WriteAsync(table, Add("p", "first", "x"), 1);
        await hold.Held;

        var queued = Enumerable.Range(0, 20).Select(i => batcher.WriteAsync(table, Add("p", $"r{i:D2}", "v" + i), 2)).ToList();
        hold.Release();
        await first;
        var responses = await Task.WhenAll(queued);

        batcher.RequestCount.ShouldBe(2);
        gate.Batches.ShouldBe(1);
        for (var i = 0; i < responses.Length; i++)
        {
            var stored = (await table.GetEntityAsync<TableEntity>("p", $"r{i:D2}")).Value;
            stored.GetString("Data0").ShouldBe("v" + i);
            responses[i].Headers.ETag.ShouldBe(stored.ETag);
        }
    }

    [Fact]
    public async Task WriteAsync_OneActionOfABatchFails_FailsAloneAndTheOthersCommit()
    {
        var (table, gate) = await NewTableAsync();
        await table.AddEntityAsync(Entity("p", "taken", "old"));
        var batcher = new PartitionWriteBatcher();
        var hold = gate.HoldNext();
        var first = batcher.WriteAsync(table, Add("p", "first", "x"), 1);
        await hold.Held;

        var before = batcher.WriteAsync(table, Add("p", "a", "a"), 1);
        var conflict = batcher.WriteAsync(table, Add("p", "taken", "new"), 3);
        var stale = batcher.WriteAsync(table, new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity("p", "first", "y"), new ETag("W/\"datetime'2000-01-01T00%3A00%3A00Z'\"")), 1);
        var after = batcher.WriteAsync(table, Add("p", "b", "b"), 1);
        hold.Release();
        await first;

        (await Should.ThrowAsync<RequestFailedException>(conflict)).Status.ShouldBe(409);
        (await Should.ThrowAsync<RequestFailedException>(stale)).Status.ShouldBe(412);
        await before;
        await after;
        (await table.GetEntityAsync<TableEntity>("p", "taken")).Value.GetString("Data0").ShouldBe("old");
        (await table.GetEntityAsync<TableEntity>("p", "first")).Value.GetString("Data0").ShouldBe("x");
        (await table.GetEntityIfExistsAsync<TableEntity>("p", "b")).HasValue.ShouldBeTrue();
    }

    [Fact]
    public async Task WriteAsync_SameRowTwiceInTheQueue_WritesBothInArrivalOrder()
    {
        var (table, gate) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher();
        var hold = gate.HoldNext();
        var first = batcher.WriteAsync(table, Add("p", "first", "x"), 1);
        await hold.Held;

        var one = batcher.WriteAsync(table, Upsert("p", "row", "1"), 1);
        var other = batcher.WriteAsync(table, Upsert("p", "other", "o"), 1);
        var two = batcher.WriteAsync(table, Upsert("p", "row", "2"), 1);
        hold.Release();
        await Task.WhenAll(first, one, other, two);

        (await table.GetEntityAsync<TableEntity>("p", "row")).Value.GetString("Data0").ShouldBe("2");
        batcher.RequestCount.ShouldBe(3);
    }

    [Fact]
    public async Task WriteAsync_FirstWriterDone_ReturnsWithoutWaitingForWritesQueuedAfterIt()
    {
        var (table, gate) = await NewTableAsync();
        var batcher = new PartitionWriteBatcher();
        var hold = gate.HoldNext();
        var first = batcher.WriteAsync(table, Add("p", "first", "x"), 1);
        await hold.Held;
        var later = batcher.WriteAsync(table, Add("p", "later", "y"), 1);

        var second = gate.HoldNext();
        hold.Release();
        await second.Held;
        await first.WaitAsync(TimeSpan.FromMinutes(1));
        later.IsCompleted.ShouldBeFalse();

        second.Release();
        await later;
    }

    private static TableTransactionAction Add(string partition, string row, string data) =>
        new(TableTransactionActionType.Add, Entity(partition, row, data));

    private static TableTransactionAction Upsert(string partition, string row, string data) =>
        new(TableTransactionActionType.UpsertReplace, Entity(partition, row, data));

    private static TableEntity Entity(string partition, string row, string data) => new(partition, row) { ["Data0"] = data };

    private async Task<(TableClient Table, HoldWrites Gate)> NewTableAsync()
    {
        var gate = new HoldWrites();
        var options = new TableClientOptions();
        options.AddPolicy(gate, HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(azurite.ConnectionString, options).GetTableClient(AzuriteFixture.UniqueTableName("batch"));
        await table.CreateIfNotExistsAsync();
        return (table, gate);
    }

    /// <summary>Holds chosen writes in flight until released, and counts transactions.</summary>
    private sealed class HoldWrites : HttpPipelinePolicy
    {
        private Hold? _next;
        private int _batches;

        public int Batches => Volatile.Read(ref _batches);

        /// <summary>Holds the next write (a single request or a transaction) until its hold is released.</summary>
        public Hold HoldNext()
        {
            var hold = new Hold();
            Volatile.Write(ref _next, hold);
            return hold;
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The batcher sends asynchronously.");

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _batches);
            }

            if (message.Request.Method != RequestMethod.Get && Interlocked.Exchange(ref _next, null) is { } hold)
            {
                await hold.HoldAsync();
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>One held write: <see cref="Held"/> completes when it is held; <see cref="Release"/> lets it go.</summary>
    private sealed class Hold
    {
        private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Held => _held.Task;

        public void Release() => _release.TrySetResult();

        public Task HoldAsync()
        {
            _held.TrySetResult();
            return _release.Task;
        }
    }
}
