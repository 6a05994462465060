using Azure;

namespace Dispatch.Tables.Tests;

public sealed class TableEntityTests
{
    [Fact]
    public void Getters_WideningConversions_Succeed()
    {
        var entity = new TableEntity("p", "r") { ["I"] = 5, ["L"] = 6L, ["Dt"] = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), ["Bd"] = new BinaryData(new byte[] { 1 }) };

        entity.GetInt64("I").ShouldBe(5L);
        entity.GetDouble("I").ShouldBe(5.0);
        entity.GetDouble("L").ShouldBe(6.0);
        entity.GetInt32("L").ShouldBe(6);
        entity.GetDateTimeOffset("Dt").ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        entity.GetBinary("Bd").ShouldBe(new byte[] { 1 });
        entity.GetString("Missing").ShouldBeNull();
        entity.GetInt32("Missing").ShouldBeNull();
    }

    [Fact]
    public void GetInt32_HoldsString_ThrowsNamingProperty()
    {
        var entity = new TableEntity("p", "r") { ["Name"] = "x" };

        var ex = Should.Throw<InvalidOperationException>(() => entity.GetInt32("Name"));

        ex.Message.ShouldContain("'Name'");
    }

    [Fact]
    public void SystemProperties_SetThroughInterface_LiveInTheDictionary()
    {
        var entity = new TableEntity { PartitionKey = "p", RowKey = "r", ETag = new ETag("W/\"x\"") };

        entity["PartitionKey"].ShouldBe("p");
        entity["RowKey"].ShouldBe("r");
        entity.ETag.ToString().ShouldBe("W/\"x\"");
        entity.Count.ShouldBe(3);
    }

    [Fact]
    public void TableErrorCode_ComparedWithString_MatchesOrdinally()
    {
        string? code = "EntityAlreadyExists";

        (code == TableErrorCode.EntityAlreadyExists).ShouldBeTrue();
        (code != TableErrorCode.TableNotFound).ShouldBeTrue();
        ((string?)null == TableErrorCode.ResourceNotFound).ShouldBeFalse();
        ((TableErrorCode)"Custom").ToString().ShouldBe("Custom");
    }
}
