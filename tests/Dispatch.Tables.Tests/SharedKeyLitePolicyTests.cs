using Dispatch.Tables.Internal;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class SharedKeyLitePolicyTests
{
    private const string Date = "Sun, 22 Nov 2026 06:00:00 GMT";
    private static readonly byte[] Key = Convert.FromBase64String(AzuriteInstance.AccountKey);

    [Theory]
    [InlineData("devstoreaccount1", "/devstoreaccount1/Tables", "W92ooNvfEtrCwt1ea5T7GfxO7zXH7egqt2xhGXWKQhI=")]
    [InlineData("devstoreaccount1", "/devstoreaccount1/$batch", "lqSydzNKXfgiy4sD0N1cPg5i7/tn5feJjpSM+7eJsE4=")]
    [InlineData("myaccount", "/mytable(PartitionKey='p1',RowKey='r1')", "FdTn0bgLQZ/tg/lqD2oBtTxXtfigYM1D8GFcOJRGEak=")]
    public void Sign_ReferenceVector_MatchesPublishedSignature(string account, string path, string expected)
    {
        SharedKeyLitePolicy.Sign(Key, Date, account, path, comp: null).ShouldBe(expected);
    }

    [Fact]
    public void Sign_WithComp_DiffersFromWithout()
    {
        var plain = SharedKeyLitePolicy.Sign(Key, Date, "devstoreaccount1", "/devstoreaccount1/t1", comp: null);
        var withComp = SharedKeyLitePolicy.Sign(Key, Date, "devstoreaccount1", "/devstoreaccount1/t1", comp: "acl");

        withComp.ShouldNotBe(plain);
    }

    [Fact]
    public void Sign_LongPath_UsesPooledBufferAndStaysDeterministic()
    {
        var path = "/devstoreaccount1/t(PartitionKey='" + new string('a', 1000) + "',RowKey='r')";

        SharedKeyLitePolicy.Sign(Key, Date, "devstoreaccount1", path, null)
            .ShouldBe(SharedKeyLitePolicy.Sign(Key, Date, "devstoreaccount1", path, null));
    }

    [Fact]
    public void CurrentDate_Formatted_IsRfc1123()
    {
        var date = SharedKeyLitePolicy.CurrentDate();

        date.ShouldEndWith(" GMT");
        DateTimeOffset.ParseExact(date, "r", System.Globalization.CultureInfo.InvariantCulture).ShouldNotBe(default);
    }
}
