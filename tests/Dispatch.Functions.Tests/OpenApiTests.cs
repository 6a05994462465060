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

    [Theory]
    [InlineData("/checkin/{token}")]
    [InlineData("/handover/{token}")]
    [InlineData("/review/{token}")]
    public async Task GetOpenApi_FormPages_GetAndPostWithHtmlResponses(string path)
    {
        using var client = factory.CreateClient(key: null);

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var item = document.RootElement.GetProperty("paths").GetProperty(path);
        item.GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/html", out _).ShouldBeTrue();
        var post = item.GetProperty("post").GetProperty("responses");
        post.GetProperty("400").GetProperty("content").TryGetProperty("text/html", out _).ShouldBeTrue();
        post.TryGetProperty("409", out _).ShouldBeTrue();
    }
}
