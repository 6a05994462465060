using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class EntityRoundTripTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueTableName("rt"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    [Fact]
    public async Task UpsertEntity_PocoWithEveryType_RoundTrips()
    {
        var table = await NewTableAsync();
        var poco = new SecretaryEntity
        {
            PartitionKey = "county-1",
            RowKey = "sec-1",
            Name = "李四 O'Brien",
            Term = 2,
            Budget = long.MaxValue,
            Score = 97.5,
            Active = true,
            StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)).AddTicks(1234567),
            ReviewedAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(7654321),
            AssignmentId = Guid.Parse("c9da6455-213d-42c9-9a79-3e9149a57833"),
            Photo = [0, 1, 2, 255],
            Signature = new BinaryData(new byte[] { 9, 8, 7 }),
            Stage = Stage.OnDuty,
            Rank = 3,
            EndedAt = null,
            Scratch = "not stored",
            Village = "黄村",
        };

        await table.UpsertEntityAsync(poco);
        var read = (await table.GetEntityAsync<SecretaryEntity>("county-1", "sec-1")).Value;
        var raw = (await table.GetEntityAsync<TableEntity>("county-1", "sec-1")).Value;

        read.Name.ShouldBe(poco.Name);
        read.Term.ShouldBe(2);
        read.Budget.ShouldBe(long.MaxValue);
        read.Score.ShouldBe(97.5);
        read.Active.ShouldBeTrue();
        read.StartedAt.ShouldBe(poco.StartedAt);
        read.ReviewedAt.ShouldBe(poco.ReviewedAt);
        read.ReviewedAt.Kind.ShouldBe(DateTimeKind.Utc);
        read.AssignmentId.ShouldBe(poco.AssignmentId);
        read.Photo.ShouldBe(poco.Photo);
        read.Signature!.ToArray().ShouldBe(new byte[] { 9, 8, 7 });
        read.Stage.ShouldBe(Stage.OnDuty);
        read.Rank.ShouldBe(3);
        read.EndedAt.ShouldBeNull();
        read.Scratch.ShouldBeNull();
        read.Village.ShouldBe("黄村");
        read.ETag.ToString().ShouldStartWith("W/");
        raw.ContainsKey("Scratch").ShouldBeFalse();
        raw.ContainsKey("Computed").ShouldBeFalse();
        raw.ContainsKey("EndedAt").ShouldBeFalse();
        raw.GetString("village").ShouldBe("黄村");
        raw.GetString("Stage").ShouldBe("OnDuty");
        raw["Budget"].ShouldBeOfType<long>();
        raw["AssignmentId"].ShouldBeOfType<Guid>();
        raw["StartedAt"].ShouldBeOfType<DateTimeOffset>();
        raw["Photo"].ShouldBeOfType<byte[]>();
    }

    [Fact]
    public async Task AddEntity_Doubles_RoundTripAsDoubleIncludingNonFinite()
    {
        var table = await NewTableAsync();
        double[] values = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 2.0, -0.1, 1e300, double.Epsilon];
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < values.Length; i++)
        {
            entity[$"D{i}"] = values[i];
        }

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        for (var i = 0; i < values.Length; i++)
        {
            read.GetDouble($"D{i}").ShouldBe(values[i], $"D{i}");
        }
    }

    [Fact]
    public async Task AddEntity_TableEntityEveryEdmType_KeepsClrTypes()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 11, 22, 6, 38, 0, TimeSpan.Zero).AddTicks(5614539);
        var id = Guid.NewGuid();
        var entity = new TableEntity("p", "r")
        {
            ["S"] = "text \"quoted\" \\ / # ? 🙂",
            ["I"] = int.MinValue,
            ["L"] = long.MinValue,
            ["D"] = 3.25,
            ["B"] = false,
            ["T"] = when,
            ["G"] = id,
            ["Bin"] = new byte[] { 1, 2, 3 },
            ["Null"] = null,
        };

        await table.AddEntityAsync(entity);
        var read = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        read["S"].ShouldBe("text \"quoted\" \\ / # ? 🙂");
        read["I"].ShouldBe(int.MinValue);
        read["L"].ShouldBe(long.MinValue);
        read["D"].ShouldBe(3.25);
        read["B"].ShouldBe(false);
        read["T"].ShouldBe(when);
        read["G"].ShouldBe(id);
        read.GetBinary("Bin").ShouldBe(new byte[] { 1, 2, 3 });
        read.ContainsKey("Null").ShouldBeFalse();
    }

    [Fact]
    public async Task AddEntity_RecordWithInitProperties_RoundTrips()
    {
        var table = await NewTableAsync();

        await table.AddEntityAsync(new InitOnlyEntity { PartitionKey = "p", RowKey = "r", Title = "述职", Count = 5_000_000_000 });
        var read = (await table.GetEntityAsync<InitOnlyEntity>("p", "r")).Value;

        read.Title.ShouldBe("述职");
        read.Count.ShouldBe(5_000_000_000);
    }
}
