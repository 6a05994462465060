using Azure;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class TableClientTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var table = service.GetTableClient(AzuriteFixture.UniqueTableName());
        await table.CreateAsync();
        return table;
    }

    [Fact]
    public async Task AddEntity_ThenGet_ReturnsPropertiesAndETag()
    {
        var table = await NewTableAsync();
        var entity = new TableEntity("p1", "r1") { ["Name"] = "张三", ["Age"] = 42 };

        var added = await table.AddEntityAsync(entity);
        var read = await table.GetEntityAsync<TableEntity>("p1", "r1");

        added.Status.ShouldBe(204);
        read.Value.GetString("Name").ShouldBe("张三");
        read.Value.GetInt32("Age").ShouldBe(42);
        read.Value.ETag.ShouldBe(added.Headers.ETag!.Value);
        read.Value.Timestamp.ShouldNotBeNull();
    }

    [Fact]
    public async Task AddEntity_Twice_Throws409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(409);
        ex.ErrorCode.ShouldBe("EntityAlreadyExists");
    }

    [Fact]
    public async Task GetEntity_Missing_Throws404()
    {
        var table = await NewTableAsync();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "missing"));

        ex.Status.ShouldBe(404);
        ex.ErrorCode.ShouldBe("ResourceNotFound");
    }

    [Fact]
    public async Task GetEntityIfExists_Missing_HasNoValue()
    {
        var table = await NewTableAsync();

        var result = await table.GetEntityIfExistsAsync<TableEntity>("p", "missing");

        result.HasValue.ShouldBeFalse();
        result.GetRawResponse().Status.ShouldBe(404);
    }

    [Fact]
    public async Task UpdateEntity_StaleETag_Throws412()
    {
        var table = await NewTableAsync();
        var first = await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        await table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 2 }, first.Headers.ETag!.Value);

        var ex = await Should.ThrowAsync<RequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r") { ["V"] = 3 }, first.Headers.ETag!.Value));

        ex.Status.ShouldBe(412);
        ex.ErrorCode.ShouldBe("UpdateConditionNotSatisfied");
        (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetInt32("V").ShouldBe(2);
    }

    [Fact]
    public async Task UpdateEntity_ReplaceWithCurrentETag_DropsOtherProperties()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new SecretaryEntity { PartitionKey = "p", RowKey = "r", Name = "a", Term = 1 });
        var read = (await table.GetEntityAsync<SecretaryEntity>("p", "r")).Value;

        var updated = await table.UpdateEntityAsync(new TableEntity("p", "r") { ["Name"] = "b" }, read.ETag, TableUpdateMode.Replace);
        var after = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        updated.Headers.ETag.ShouldNotBe(read.ETag);
        after.GetString("Name").ShouldBe("b");
        after.ContainsKey("Term").ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateEntity_MissingEntity_Throws404()
    {
        var table = await NewTableAsync();

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "nobody"), ETag.All));

        ex.Status.ShouldBe(404);
        (ex.ErrorCode == TableErrorCode.ResourceNotFound).ShouldBeTrue();
    }

    [Fact]
    public async Task GetEntity_WithSelect_ReturnsOnlySelectedProperties()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["A"] = 1, ["B"] = 2 });

        var read = (await table.GetEntityAsync<TableEntity>("p", "r", select: ["A"])).Value;

        read.GetInt32("A").ShouldBe(1);
        read.ContainsKey("B").ShouldBeFalse();
    }
}
