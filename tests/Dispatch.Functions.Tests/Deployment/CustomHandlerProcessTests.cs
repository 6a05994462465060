using System.Net;
using System.Text;
using System.Text.Json;
using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>
/// The built host started as a real process the way the Azure Functions host starts a custom handler:
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> in the environment, readiness by any HTTP answer, the timer payload
/// POSTed to <c>/AdvanceDueWork</c>, and forwarded requests on their original paths.
/// </summary>
public sealed class CustomHandlerProcessTests(CustomHandlerProcess process) : IClassFixture<CustomHandlerProcess>
{
    [Fact]
    public async Task Readiness_RootPath_AnswersSoTheFunctionsHostSeesTheWorkerUp()
    {
        // The Functions host polls the port until any HTTP response arrives.
        using var response = await process.Client.GetAsync(new Uri("/", UriKind.Relative));

        ((int)response.StatusCode).ShouldBeInRange(200, 499);
    }

    [Fact]
    public async Task TimerInvocation_PostedLikeTheFunctionsHost_AnswersTheCustomHandlerPayload()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/AdvanceDueWork", UriKind.Relative))
        {
            Content = new StringContent(DueWorkTimerFunctionTests.TimerPayload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Azure-Functions-InvocationId", "5b1c2d3e-0000-4000-8000-000000000001");
        request.Headers.Add("X-Azure-Functions-HostVersion", "4.1040.300.0");
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/4.1040.300.0");

        using var response = await process.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, process.Output());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("Outputs").ValueKind.ShouldBe(JsonValueKind.Object);
        body.RootElement.GetProperty("ReturnValue").ValueKind.ShouldBe(JsonValueKind.Null);
        body.RootElement.GetProperty("Logs")[0].GetString()!.ShouldStartWith("Advanced 0 due work items");
    }

    [Fact]
    public async Task ForwardedRequest_AnonymousHealth_OkOnItsOriginalPath()
    {
        using var response = await process.Client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(DispatchAppFactory.ManagerKey, HttpStatusCode.OK)]
    public async Task ForwardedRequest_DurableApiThroughAlias_ChecksTheForwardedKey(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/durabletask/instances", UriKind.Relative));
        if (key is not null)
        {
            // The Functions host forwards the caller's headers, x-functions-key included.
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await process.Client.SendAsync(request);

        response.StatusCode.ShouldBe(expected, process.Output());
    }
}
