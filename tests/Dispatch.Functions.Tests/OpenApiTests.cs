using System.Text.Json;
using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests;

public sealed class OpenApiTests(DispatchAppFactory factory) : IClassFixture<DispatchAppFactory>
{
    [Fact]
    public async Task GetOpenApi_Anonymous_ListsProtectedEndpointsWithProblemResponses()
    {
        using var client = factory.CreateClient(key: null);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        var advance = paths.GetProperty("/api/admin/clock/advance").GetProperty("post").GetProperty("responses");
        advance.TryGetProperty("401", out var unauthorized).ShouldBeTrue();
        unauthorized.GetProperty("content").TryGetProperty("application/problem+json", out _).ShouldBeTrue();
        advance.TryGetProperty("403", out _).ShouldBeTrue();
        advance.TryGetProperty("400", out _).ShouldBeTrue();
        paths.TryGetProperty("/health", out _).ShouldBeTrue();
    }
}
