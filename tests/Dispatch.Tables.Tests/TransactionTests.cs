using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class TransactionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueTableName("tx"));
        await table.CreateAsync();
        return table;
    }

    private static async Task<List<TableEntity>> AllAsync(TableClient table)
    {
        var list = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>())
        {
            list.Add(e);
        }

        return list;
    }

    [Fact]
    public async Task SubmitTransaction_EveryActionType_CommitsAndReturnsETags()
    {
        var table = await NewTableAsync();
        var existing = await table.AddEntityAsync(new TableEntity("p", "update-merge") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "update-replace") { ["A"] = 1, ["B"] = 1 });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        await table.AddEntityAsync(new TableEntity("p", "upsert-merge") { ["B"] = 1 });

        var result = await table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "add") { ["A"] = "新" }),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "update-merge") { ["A"] = 2 }, existing.Headers.ETag!.Value),
            new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TableEntity("p", "update-replace") { ["A"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert-merge") { ["A"] = 2 }),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new SecretaryEntity { PartitionKey = "p", RowKey = "upsert-replace", Name = "赵六" }),
        ]);

        result.GetRawResponse().Status.ShouldBe(202);
        result.Value.Count.ShouldBe(6);
        result.Value[0].Status.ShouldBe(204);
        result.Value[3].Headers.ETag.ShouldBeNull();
        result.Value[1].Headers.ETag.ShouldNotBeNull();
        var rows = (await AllAsync(table)).ToDictionary(e => e.RowKey);
        rows.Keys.Order().ShouldBe(["add", "update-merge", "update-replace", "upsert-merge", "upsert-replace"]);
        rows["add"].GetString("A").ShouldBe("新");
        rows["update-merge"].GetInt32("B").ShouldBe(1);
        rows["update-replace"].ContainsKey("B").ShouldBeFalse();
        rows["upsert-merge"].GetInt32("A").ShouldBe(2);
        rows["upsert-merge"].GetInt32("B").ShouldBe(1);
        rows["upsert-replace"].GetString("Name").ShouldBe("赵六");
        rows["update-merge"].ETag.ShouldBe(result.Value[1].Headers.ETag!.Value);
    }

    [Fact]
    public async Task SubmitTransaction_ThirdActionConflicts_NothingCommittedAndIndexReported()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "2"));

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "0")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "2")),
        ]));

        ex.FailedTransactionActionIndex.ShouldBe(2);
        ex.Status.ShouldBe(409);
        ex.ErrorCode.ShouldBe("EntityAlreadyExists");
        ex.Message.ShouldContain("action 2");
        (await AllAsync(table)).Select(e => e.RowKey).ShouldBe(["2"]);
    }

    [Fact]
    public async Task SubmitTransaction_StaleETag_Reports412WithIndex()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "a") { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity("p", "a") { ["V"] = 2 });

        var ex = await Should.ThrowAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "b")),
            new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity("p", "a") { ["V"] = 3 }, first.Headers.ETag!.Value),
        ]));

        ex.Status.ShouldBe(412);
        ex.FailedTransactionActionIndex.ShouldBe(1);
        (await table.GetEntityIfExistsAsync<TableEntity>("p", "b")).HasValue.ShouldBeFalse();
    }

    [Fact]
    public async Task SubmitTransaction_HundredActions_Commits()
    {
        var table = await NewTableAsync();

        var result = await table.SubmitTransactionAsync(Enumerable.Range(0, 100)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        result.Value.Count.ShouldBe(100);
        (await AllAsync(table)).Count.ShouldBe(100);
    }

    [Fact]
    public async Task SubmitTransaction_HundredAndOneActions_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(Enumerable.Range(0, 101)
            .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))));

        ex.ParamName.ShouldBe("transactionActions");
        ex.Message.ShouldContain("101");
    }

    [Fact]
    public async Task SubmitTransaction_TwoPartitions_ThrowsNamingBoth()
    {
        var table = await NewTableAsync();

        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("east", "1")),
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("west", "2")),
        ]));

        ex.Message.ShouldContain("'west'");
        ex.Message.ShouldContain("'east'");
        (await AllAsync(table)).ShouldBeEmpty();
    }

    [Fact]
    public async Task SubmitTransaction_SameRowTwice_ThrowsBeforeSending()
    {
        var table = await NewTableAsync();

        var ex = await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync(
        [
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "1")),
            new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity("p", "1")),
        ]));

        ex.Message.ShouldContain("action 1");
    }

    [Fact]
    public async Task SubmitTransaction_Empty_Throws()
    {
        var table = await NewTableAsync();

        await Should.ThrowAsync<ArgumentException>(() => table.SubmitTransactionAsync([]));
    }
}
