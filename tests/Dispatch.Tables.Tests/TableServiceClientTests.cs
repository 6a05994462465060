using Azure;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class TableServiceClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task CreateTable_Twice_Throws409TableAlreadyExists()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = AzuriteFixture.UniqueTableName("svc");
        var created = await service.CreateTableAsync(name);

        var ex = await Should.ThrowAsync<RequestFailedException>(() => service.CreateTableAsync(name));

        created.Value.Name.ShouldBe(name);
        ex.Status.ShouldBe(409);
        ex.ErrorCode.ShouldBe("TableAlreadyExists");
    }

    [Fact]
    public async Task CreateTableIfNotExists_Existing_ReturnsWithoutThrowing()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = AzuriteFixture.UniqueTableName("svc");

        var first = await service.CreateTableIfNotExistsAsync(name);
        var second = await service.CreateTableIfNotExistsAsync(name);

        first.GetRawResponse().Status.ShouldBe(204);
        second.GetRawResponse().Status.ShouldBe(409);
        second.Value.Name.ShouldBe(name);
    }

    [Fact]
    public async Task QueryTables_SmallPagesAndFilter_ListsCreatedTables()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var prefix = AzuriteFixture.UniqueTableName("list");
        var names = Enumerable.Range(0, 5).Select(i => $"{prefix}n{i}").ToList();
        foreach (var name in names)
        {
            await service.CreateTableAsync(name);
        }

        var listed = new List<string>();
        var pages = 0;
        await foreach (var page in service.QueryTablesAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "z"}"), maxPerPage: 2).AsPages())
        {
            pages++;
            listed.AddRange(page.Values.Select(t => t.Name));
        }

        listed.ShouldBe(names);
        pages.ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task DeleteTable_ExistingThenMissing_Returns204Then404()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = AzuriteFixture.UniqueTableName("del");
        await service.CreateTableAsync(name);
        await service.GetTableClient(name).AddEntityAsync(new TableEntity("p", "r"));

        var deleted = await service.DeleteTableAsync(name);
        var again = await service.GetTableClient(name).DeleteAsync();

        deleted.Status.ShouldBe(204);
        again.Status.ShouldBe(404);
    }

    [Fact]
    public async Task Query_2500RowsInPagesOf100_ReadsEveryRowOnce()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var table = service.GetTableClient(AzuriteFixture.UniqueTableName("big"));
        await table.CreateAsync();
        for (var batch = 0; batch < 25; batch++)
        {
            await table.SubmitTransactionAsync(Enumerable.Range(batch * 100, 100).Select(i =>
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity($"p{batch % 3}", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) { ["N"] = i })));
        }

        var pages = 0;
        var seen = new HashSet<int>();
        await foreach (var page in table.QueryAsync<TableEntity>(maxPerPage: 100).AsPages())
        {
            pages++;
            foreach (var e in page.Values)
            {
                seen.Add(e.GetInt32("N")!.Value).ShouldBeTrue();
            }
        }

        var all = 0;
        await foreach (var unused in table.QueryAsync<TableEntity>())
        {
            all++;
        }

        seen.Count.ShouldBe(2500);
        pages.ShouldBeGreaterThanOrEqualTo(25);
        all.ShouldBe(2500);
    }

    [Fact]
    public async Task DevelopmentStorageStyle_ConnectionStringWithEndpoint_Works()
    {
        var cs = $"AccountName={AzuriteInstance.AccountName};AccountKey={AzuriteInstance.AccountKey};TableEndpoint={azurite.Instance.TableEndpoint}";
        var service = new TableServiceClient(cs);
        var name = AzuriteFixture.UniqueTableName("cs");

        var created = await service.CreateTableAsync(name);

        created.GetRawResponse().Status.ShouldBe(204);
        service.AccountName.ShouldBe(AzuriteInstance.AccountName);
    }
}
