using Azure;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class FilterAndKeyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Hostile =
    [
        "O'Brien",
        "''",
        "' or 1 eq 1 or 'a' eq '",
        "quote\"double",
        "slash/back\\slash#hash?question",
        "percent%20plus+amp&eq=",
        "第一书记 驻村",
        "emoji 🙂 and é",
        "tab\tand\nnewline",
        "paren) and (x",
    ];

    // One table holds a row per hostile string (and a decoy), written once for every case of the theory.
    private static readonly SemaphoreSlim HostileGate = new(1, 1);
    private static TableClient? _hostileTable;

    public static TheoryData<string> HostileStrings()
    {
        var data = new TheoryData<string>();
        foreach (var value in Hostile)
        {
            data.Add(value);
        }

        return data;
    }

    private async Task<TableClient> HostileTableAsync()
    {
        await HostileGate.WaitAsync();
        try
        {
            if (_hostileTable is null)
            {
                var table = await NewTableAsync();
                var actions = Hostile.Select((v, i) => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"h{i}") { ["Name"] = v })).ToList();
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "decoy") { ["Name"] = "plain" }));
                await table.SubmitTransactionAsync(actions);
                _hostileTable = table;
            }

            return _hostileTable;
        }
        finally
        {
            HostileGate.Release();
        }
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueTableName("f"));
        await table.CreateAsync();
        return table;
    }

    private static async Task<List<TableEntity>> QueryAllAsync(TableClient table, string filter)
    {
        var list = new List<TableEntity>();
        await foreach (var e in table.QueryAsync<TableEntity>(filter))
        {
            list.Add(e);
        }

        return list;
    }

    [Theory]
    [MemberData(nameof(HostileStrings))]
    public async Task Query_HostileStringValue_MatchesOnlyThatRow(string value)
    {
        var table = await HostileTableAsync();

        var rows = await QueryAllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {"p"} and Name eq {value}"));

        rows.Count.ShouldBe(1);
        rows[0].GetString("Name").ShouldBe(value);
    }

    [Theory]
    [InlineData("a b'c", "é+&")]
    [InlineData("O'Brien", "''")]
    [InlineData("第一书记", "🙂%25")]
    [InlineData("semi;colon,comma", "(paren)=eq")]
    public async Task EntityOperations_KeysNeedingEscapes_RoundTrip(string partitionKey, string rowKey)
    {
        var table = await NewTableAsync();

        await table.AddEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 1 });
        await table.UpsertEntityAsync(new TableEntity(partitionKey, rowKey) { ["V"] = 2 }, TableUpdateMode.Replace);
        var read = await table.GetEntityAsync<TableEntity>(partitionKey, rowKey);
        var queried = await QueryAllAsync(table, TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey eq {rowKey}"));
        var deleted = await table.DeleteEntityAsync(partitionKey, rowKey, read.Value.ETag);

        read.Value.PartitionKey.ShouldBe(partitionKey);
        read.Value.RowKey.ShouldBe(rowKey);
        read.Value.GetInt32("V").ShouldBe(2);
        queried.Count.ShouldBe(1);
        deleted.Status.ShouldBe(204);
    }

    [Fact]
    public async Task Query_TypedLiterals_MatchEachEdmType()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567);
        var id = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833");
        await table.AddEntityAsync(new TableEntity("p", "hit") { ["L"] = 9_000_000_000L, ["T"] = when, ["G"] = id, ["D"] = 2.0, ["B"] = true, ["I"] = 7 });
        await table.AddEntityAsync(new TableEntity("p", "miss") { ["L"] = 1L, ["T"] = when.AddDays(-1), ["G"] = Guid.Empty, ["D"] = 3.5, ["B"] = false, ["I"] = 8 });

        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"L eq {9_000_000_000L}"))).Single().RowKey.ShouldBe("hit");
        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"T ge {when}"))).Single().RowKey.ShouldBe("hit");
        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"T lt {when.UtcDateTime}"))).Single().RowKey.ShouldBe("miss");
        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"G eq {id}"))).Single().RowKey.ShouldBe("hit");
        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"D eq {2.0}"))).Single().RowKey.ShouldBe("hit");
        (await QueryAllAsync(table, TableClient.CreateQueryFilter($"B eq {true} and I eq {7}"))).Single().RowKey.ShouldBe("hit");
    }

    [Fact]
    public void CreateQueryFilter_EveryLiteralKind_FormatsODataLiterals()
    {
        var filter = TableClient.CreateQueryFilter(
            $"S eq {"a'b"} and L eq {5L} and I eq {5} and D eq {2.0} and E eq {1.5e-7} and B eq {false} and N eq {null} and G eq {Guid.Empty} and T eq {new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8))} and X eq {new byte[] { 0x0a, 0xff }} and St eq {Stage.OnDuty}");

        filter.ShouldBe("S eq 'a''b' and L eq 5L and I eq 5 and D eq 2.0 and E eq 1.5E-07 and B eq false and N eq null and G eq guid'00000000-0000-0000-0000-000000000000' and T eq datetime'2026-01-01T19:04:05.0000000Z' and X eq X'0aff' and St eq 'OnDuty'");
    }

    [Theory]
    [InlineData("PartitionKey eq")]
    [InlineData("Name eqq 'a'")]
    [InlineData("(Name eq 'a'")]
    public async Task Query_InvalidFilter_Throws400(string filter)
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Name"] = "a" });

        var ex = await Should.ThrowAsync<RequestFailedException>(() => QueryAllAsync(table, filter));

        ex.Status.ShouldBe(400);
    }

    [Fact]
    public async Task AddEntity_WrongAccountKey_Throws403WithCode()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var table = new TableClient(azurite.Instance.TableEndpoint, "whatever", new TableSharedKeyCredential(AzuriteInstance.AccountName, wrongKey));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(403);
        ex.ErrorCode.ShouldBe("AuthorizationFailure");
    }

    [Fact]
    public async Task AddEntity_MissingTable_Throws404TableNotFound()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueTableName("none"));

        var ex = await Should.ThrowAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        ex.Status.ShouldBe(404);
        ex.ErrorCode.ShouldBe("TableNotFound");
    }
}
