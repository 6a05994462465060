using System.Net;
using System.Net.Http.Json;
using Dispatch.Functions.Apis;
using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests;

public sealed class HealthApiTests(DispatchAppFactory factory) : IClassFixture<DispatchAppFactory>
{
    [Fact]
    public async Task GetHealth_Running_ReturnsOkWithVersion()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>();
        report.ShouldNotBeNull();
        report.Status.ShouldBe("ok");
        report.Version.ShouldStartWith("0.1.0");
    }
}
