using System.Net;
using System.Text;
using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests;

public sealed class ProblemDetailsTests(DispatchAppFactory factory) : IClassFixture<DispatchAppFactory>
{
    [Fact]
    public async Task Post_BodyOverOneMebibyte_Returns413Problem()
    {
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);
        var body = "{\"days\": 1, \"pad\": \"" + new string('x', 1024 * 1024) + "\"}";

        using var response = await client.PostAsync("/api/admin/clock/advance", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverOneMebibyte_Returns413Problem()
    {
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);
        var bytes = Encoding.UTF8.GetBytes("{\"days\":" + new string(' ', 1024 * 1024) + "1}");
        using var content = new StreamContent(new MemoryStream(bytes));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/clock/advance") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_MalformedJson_ReturnsFieldErrorForBody()
    {
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsync("/api/admin/clock/advance", new StringContent("{\"days\": ", Encoding.UTF8, "application/json"));

        (await response.ShouldBeFieldErrorAsync("days")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Post_UnknownField_NamesTheField()
    {
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsync("/api/admin/clock/advance", new StringContent("{\"days\": 1, \"hours\": 3}", Encoding.UTF8, "application/json"));

        (await response.ShouldBeFieldErrorAsync("hours")).ShouldBe(["'hours' is not a known field."]);
    }

    [Fact]
    public async Task Get_UnknownRoute_Returns404Problem()
    {
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.GetAsync("/api/no-such-thing");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Problem_Always_CarriesTraceId()
    {
        using var client = factory.CreateClient(key: null);

        using var response = await client.GetAsync("/api/admin/clock/");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrEmpty();
    }
}
