using Dispatch.Testing;

namespace Dispatch.Tables.Tests;

public sealed class AzuriteFixtureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Instance_Started_AnswersOnItsPort()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(azurite.Instance.TableEndpoint, "Tables"));

        // An unsigned request is refused, by Azurite itself.
        ((int)response.StatusCode).ShouldBeInRange(400, 403);
        response.Headers.Server.ToString().ShouldContain("Azurite-Table");
        azurite.Instance.IsRunning.ShouldBeTrue();
    }

    [Fact]
    public void UniqueTableName_CalledTwice_Differs()
    {
        AzuriteFixture.UniqueTableName().ShouldNotBe(AzuriteFixture.UniqueTableName());
    }
}
