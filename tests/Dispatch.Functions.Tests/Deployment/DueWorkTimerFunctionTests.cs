using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using System.Text;
using Dispatch.Functions.CustomHandler;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dispatch.Functions.Tests.Deployment;

public sealed class DueWorkTimerFunctionTests(DispatchAppFactory factory) : IClassFixture<DispatchAppFactory>
{
    /// <summary>What the Functions host POSTs for a timer trigger (custom handlers docs, "Request payload").</summary>
    public const string TimerPayload = """
        {
          "Data": {
            "timer": {
              "Schedule": { "AdjustForDST": true },
              "ScheduleStatus": { "Last": "2026-11-22T06:59:00+00:00", "Next": "2026-11-22T07:00:00+00:00", "LastUpdated": "2026-11-22T06:59:00+00:00" },
              "IsPastDue": false
            }
          },
          "Metadata": {
            "sys": { "MethodName": "AdvanceDueWork", "UtcNow": "2026-11-22T07:00:00.0123Z", "RandGuid": "6f1c3f43-8d4e-4a61-9a49-6a1d5b0f7a11" }
          }
        }
        """;

    private HttpClient ClientWith(IDueWorkDrainer? drainer, string? budget = null) =>
        factory.WithWebHostBuilder(b =>
        {
            if (budget is not null)
            {
                b.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection(new Dictionary<string, string?> { [DueWorkTimerFunction.BudgetKey] = budget }));
            }

            b.ConfigureTestServices(s =>
            {
                s.RemoveAll<IDueWorkDrainer>();
                if (drainer is not null)
                {
                    s.AddSingleton(drainer);
                }
                else
                {
                    // The host now always registers the engine; take its worker away for the no-drainer case.
                    s.RemoveAll<Dispatch.Durable.Worker.DurableTaskWorker>();
                }
            });
        }).CreateClient();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Post_ThousandDueItems_DrainedWithinTheBudgetInOneInvocation()
    {
        var time = new FakeTimeProvider();
        var drainer = new QueueDueWorkDrainer(time, 1_000, TimeSpan.FromMilliseconds(20));
        using var client = ClientWith(drainer);

        using var response = await client.PostAsync(new Uri("/AdvanceDueWork", UriKind.Relative), Json(TimerPayload));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        drainer.Remaining.ShouldBe(0);
        drainer.Budgets.ShouldBe([DueWorkTimerFunction.DefaultBudget]);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("Outputs").EnumerateObject().ShouldBeEmpty();
        body.RootElement.GetProperty("ReturnValue").ValueKind.ShouldBe(JsonValueKind.Null);
        body.RootElement.GetProperty("Logs")[0].GetString().ShouldStartWith("Advanced 1000 due work items");
        body.RootElement.GetProperty("Logs")[0].GetString()!.ShouldContain("nothing else is due");
    }

    [Fact]
    public async Task Post_MoreWorkThanTheBudget_StopsAtTheBudgetAndSaysMoreIsDue()
    {
        var time = new FakeTimeProvider();
        var drainer = new QueueDueWorkDrainer(time, 1_000, TimeSpan.FromSeconds(1));
        using var client = ClientWith(drainer, budget: "00:00:10");

        using var response = await client.PostAsync(new Uri("/AdvanceDueWork", UriKind.Relative), Json(TimerPayload));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        drainer.Remaining.ShouldBe(990);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>();
        payload.GetProperty("Logs")[0].GetString()!.ShouldContain("more work is due");
    }

    [Fact]
    public async Task Post_PastDueTimer_LogsItInTheInvocation()
    {
        var drainer = new QueueDueWorkDrainer(new FakeTimeProvider(), 0, TimeSpan.Zero);
        using var client = ClientWith(drainer);

        using var response = await client.PostAsync(
            new Uri("/AdvanceDueWork", UriKind.Relative), Json(TimerPayload.Replace("\"IsPastDue\": false", "\"IsPastDue\": true", StringComparison.Ordinal)));

        var payload = await response.Content.ReadFromJsonAsync<JsonElement>();
        payload.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()).ShouldContain(l => l!.Contains("past due"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"Data":{"other":{}}}""")]
    [InlineData("""{"Data":{"timer":"yes"}}""")]
    public async Task Post_NotATimerPayload_BadRequestProblem(string body)
    {
        var drainer = new QueueDueWorkDrainer(new FakeTimeProvider(), 5, TimeSpan.Zero);
        using var client = ClientWith(drainer);

        using var response = await client.PostAsync(new Uri("/AdvanceDueWork", UriKind.Relative), Json(body));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        drainer.Remaining.ShouldBe(5);
    }

    [Fact]
    public async Task Post_NoDrainerRegistered_ServiceUnavailableSoTheInvocationFails()
    {
        using var client = ClientWith(null);

        using var response = await client.PostAsync(new Uri("/AdvanceDueWork", UriKind.Relative), Json(TimerPayload));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("00:00:00")]
    [InlineData("01:00:00")]
    public void ReadBudget_OutOfRange_ThrowsNamingTheSetting(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [DueWorkTimerFunction.BudgetKey] = value }).Build();

        Should.Throw<InvalidOperationException>(() => DueWorkTimerFunction.ReadBudget(configuration)).Message.ShouldContain(DueWorkTimerFunction.BudgetKey);
    }
}
