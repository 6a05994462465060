using Azure;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class QueryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueTableName("q"));
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task Query_SmallPages_FollowsContinuationToEveryRow()
    {
        var table = await NewTableAsync();
        for (var i = 0; i < 25; i++)
        {
            await table.AddEntityAsync(new TableEntity("p", i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i });
        }

        var pages = 0;
        var rows = new List<int>();
        await foreach (var page in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}"), maxPerPage: 7).AsPages())
        {
            pages++;
            rows.AddRange(page.Values.Select(e => e.GetInt32("N")!.Value));
        }

        pages.ShouldBe(4);
        rows.ShouldBe(Enumerable.Range(0, 25));
    }

    [Fact]
    public async Task Query_PocoWithSelect_ReadsOnlySelected()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new SecretaryEntity { PartitionKey = "p", RowKey = "1", Name = "王五", Term = 3 });

        var rows = new List<SecretaryEntity>();
        await foreach (var e in table.QueryAsync<SecretaryEntity>(select: ["Name"]))
        {
            rows.Add(e);
        }

        rows.Count.ShouldBe(1);
        rows[0].Name.ShouldBe("王五");
        rows[0].Term.ShouldBe(0);
    }

    [Fact]
    public async Task DeleteEntity_ThenGet_IsGone()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var deleted = await table.DeleteEntityAsync("p", "r");
        var again = await table.DeleteEntityAsync("p", "r");

        deleted.Status.ShouldBe(204);
        again.Status.ShouldBe(404);
        (await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue.ShouldBeFalse();
    }

    [Fact]
    public async Task UpsertEntity_MergeThenReplace_KeepsThenDropsOtherProperties()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 10 }, TableUpdateMode.Merge);
        var merged = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["A"] = 20 }, TableUpdateMode.Replace);
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        merged.GetInt32("A").ShouldBe(10);
        merged.GetInt32("B").ShouldBe(2);
        replaced.GetInt32("A").ShouldBe(20);
        replaced.ContainsKey("B").ShouldBeFalse();
    }

    [Fact]
    public async Task DeleteEntity_StaleETag_Throws412()
    {
        var table = await NewTableAsync();
        var added = await table.AddEntityAsync(new TableEntity("p", "r"));
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["X"] = 1 });

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", added.Headers.ETag!.Value));

        ex.Status.ShouldBe(412);
    }
}
