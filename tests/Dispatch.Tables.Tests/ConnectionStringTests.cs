using Dispatch.Tables.Internal;
using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class ConnectionStringTests
{
    [Fact]
    public void Parse_UseDevelopmentStorage_PointsAtLocalAzurite()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        parsed.Endpoint.ShouldBe(new Uri("http://127.0.0.1:10002/devstoreaccount1"));
        parsed.SharedKey!.AccountName.ShouldBe("devstoreaccount1");
        parsed.SharedKey.KeyBytes.ShouldBe(Convert.FromBase64String(AzuriteInstance.AccountKey));
    }

    [Fact]
    public void Parse_AccountAndSuffix_BuildsHostStyleEndpoint()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=dispatchprod;AccountKey={AzuriteInstance.AccountKey};EndpointSuffix=core.chinacloudapi.cn");

        parsed.Endpoint.ShouldBe(new Uri("https://dispatchprod.table.core.chinacloudapi.cn"));
        parsed.SharedKey!.AccountName.ShouldBe("dispatchprod");
    }

    [Fact]
    public void Parse_AccountWithoutSuffix_DefaultsToPublicCloudHttps()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acct;AccountKey={AzuriteInstance.AccountKey}");

        parsed.Endpoint.ShouldBe(new Uri("https://acct.table.core.windows.net"));
    }

    [Fact]
    public void Parse_TableEndpointWins_OverAccountName()
    {
        var parsed = TableConnectionString.Parse($"AccountName=devstoreaccount1;AccountKey={AzuriteInstance.AccountKey};TableEndpoint=http://127.0.0.1:12345/devstoreaccount1;BlobEndpoint=http://x");

        parsed.Endpoint.ShouldBe(new Uri("http://127.0.0.1:12345/devstoreaccount1"));
    }

    [Fact]
    public void Parse_Sas_KeepsTokenWithoutQuestionMark()
    {
        var parsed = TableConnectionString.Parse("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=x%2By");

        parsed.Sas.ShouldBe("sv=2019-02-02&sig=x%2By");
        parsed.SharedKey.ShouldBeNull();
    }

    [Theory]
    [InlineData("AccountName=acct", "neither an AccountKey nor a SharedAccessSignature")]
    [InlineData("AccountKey=c2VjcmV0", "neither a TableEndpoint nor an AccountName")]
    [InlineData("AccountName=acct;AccountKey=not*base64", "not valid base64")]
    [InlineData("AccountName=acct;c2VjcmV0", "segment #2")]
    [InlineData("TableEndpoint=relative/path;AccountName=a;AccountKey=c2VjcmV0", "not an absolute URI")]
    public void Parse_Broken_ThrowsArgumentExceptionWithoutEchoingSecrets(string connectionString, string expected)
    {
        var ex = Should.Throw<ArgumentException>(() => TableConnectionString.Parse(connectionString));

        ex.Message.ShouldContain(expected);
        ex.Message.ShouldNotContain("c2VjcmV0");
        ex.Message.ShouldNotContain("not*base64");
    }
}
