using System.Net;
using Azure;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class ValidationTests
{
    // Any request reaching this handler fails the test: validation must stop bad input before sending.
    private readonly CannedHandler _handler = new();

    private TableClient Table() => new(new Uri("http://127.0.0.1:1/devstoreaccount1"), "orders", new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey), _handler.Options());

    [Theory]
    [InlineData("a/b", "/")]
    [InlineData("a\\b", "\\")]
    [InlineData("a#b", "#")]
    [InlineData("a?b", "?")]
    [InlineData("a\tb", "\\u0009")]
    [InlineData("a\nb", "\\u000a")]
    [InlineData("a\u007fb", "\\u007f")]
    [InlineData("a\u0085b", "\\u0085")]
    public async Task AddEntity_ForbiddenCharInKey_ThrowsNamingTheKey(string key, string shown)
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(new TableEntity("p", key)));

        ex.ParamName.ShouldBe("entity");
        ex.Message.ShouldContain("RowKey");
        ex.Message.ShouldContain(shown);
        _handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task GetEntity_ForbiddenCharInPartitionKey_ThrowsNamingParameter()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().GetEntityAsync<TableEntity>("a#b", "r"));

        ex.ParamName.ShouldBe("partitionKey");
        ex.Message.ShouldContain("'a#b'");
    }

    [Fact]
    public async Task DeleteEntity_KeyOver1KiB_Throws()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().DeleteEntityAsync("p", new string('k', 1025)));

        ex.ParamName.ShouldBe("rowKey");
        ex.Message.ShouldContain("1025 characters");
    }

    [Fact]
    public async Task AddEntity_NullKey_Throws()
    {
        await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(new TableEntity { ["RowKey"] = "r" }));
    }

    [Fact]
    public async Task AddEntity_StringOver32KChars_ThrowsNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["Notes"] = new string('x', (32 * 1024) + 1) };

        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(entity));

        ex.Message.ShouldContain("'Notes'");
        ex.Message.ShouldContain("32,769");
    }

    [Fact]
    public async Task AddEntity_PocoStringOver32KChars_Throws()
    {
        var entity = new SecretaryEntity { PartitionKey = "p", RowKey = "r", Name = new string('名', 40_000) };

        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().UpsertEntityAsync(entity));

        ex.Message.ShouldContain("'Name'");
    }

    [Fact]
    public async Task AddEntity_BinaryOver64KiB_Throws()
    {
        var entity = new TableEntity("p", "r") { ["Blob"] = new byte[(64 * 1024) + 1] };

        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(entity));

        ex.Message.ShouldContain("'Blob'");
    }

    [Fact]
    public async Task AddEntity_Over1MiB_Throws()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            entity[$"Chunk{i}"] = new string('x', 30_000);
        }

        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(entity));

        ex.Message.ShouldContain("1 MiB");
        _handler.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task AddEntity_253Properties_Throws()
    {
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 253; i++)
        {
            entity[$"P{i}"] = i;
        }

        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(entity));

        ex.Message.ShouldContain("252");
    }

    [Fact]
    public async Task AddEntity_UnsupportedValueType_ThrowsNamingProperty()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(new TableEntity("p", "r") { ["When"] = TimeSpan.FromDays(1) }));

        ex.Message.ShouldContain("'When'");
    }

    [Fact]
    public async Task AddEntity_DateBefore1601_Throws()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().AddEntityAsync(new TableEntity("p", "r") { ["Old"] = new DateTime(1600, 12, 31, 0, 0, 0, DateTimeKind.Utc) }));

        ex.Message.ShouldContain("'Old'");
    }

    [Fact]
    public async Task UpdateEntity_DefaultETag_Throws()
    {
        var ex = await Should.ThrowAsync<ArgumentException>(() => Table().UpdateEntityAsync(new TableEntity("p", "r"), default));

        ex.ParamName.ShouldBe("ifMatch");
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1orders")]
    [InlineData("order-items")]
    [InlineData("tables")]
    public void GetTableClient_BadName_Throws(string name)
    {
        var service = new TableServiceClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey));

        var ex = Should.Throw<ArgumentException>(() => service.GetTableClient(name));

        ex.ParamName.ShouldBe("tableName");
    }

    [Fact]
    public async Task Query_ZeroPageSize_Throws()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(async () =>
        {
            await foreach (var unused in Table().QueryAsync<TableEntity>(maxPerPage: 0))
            {
                _ = unused;
            }
        });
    }

    [Fact]
    public void PocoWithUnsupportedProperty_ThrowsNotSupportedNamingIt()
    {
        var ex = Should.Throw<NotSupportedException>(() => Dispatch.Tables.Internal.EntitySerializer.Serialize(new BadEntity { PartitionKey = "p", RowKey = "r" }));

        ex.Message.ShouldContain("BadEntity.Span");
    }

    [Fact]
    public async Task Request_ServerAnswers503_IsRetriedByThePipeline()
    {
        var handler = new CannedHandler().Answer(HttpStatusCode.ServiceUnavailable).Answer(HttpStatusCode.NoContent);
        var options = handler.Options();
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        var table = new TableClient(new Uri("http://127.0.0.1:1/devstoreaccount1"), "orders", new TableSharedKeyCredential(AzuriteInstance.AccountName, AzuriteInstance.AccountKey), options);

        var response = await table.DeleteEntityAsync("p", "r");

        response.Status.ShouldBe(204);
        handler.Requests.Count.ShouldBe(2);
    }

    private sealed class BadEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public TimeSpan Span { get; set; }
    }
}
