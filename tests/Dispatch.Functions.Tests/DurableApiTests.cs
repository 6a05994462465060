using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Dispatch.Functions.Tests;

/// <summary>The management API against Durable Functions' documented status codes and JSON, over a client double.</summary>
public sealed class DurableApiTests : IDisposable
{
    private const string Base = "/runtime/webhooks/durabletask";
    private static readonly DateTimeOffset Created = new(2023, 7, 1, 8, 30, 15, 123, TimeSpan.Zero);

    private readonly DispatchAppFactory _factory = new();
    private readonly DurableTaskClient _client = Substitute.For<DurableTaskClient>("test");
    private readonly HttpClient _admin;

    public DurableApiTests()
    {
        var app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_client)));
        _admin = app.CreateClient();
        _admin.DefaultRequestHeaders.Add("x-functions-key", DispatchAppFactory.AdminKey);
    }

    [Fact]
    public async Task GetStatus_Unknown_Returns404()
    {
        using var response = await _admin.GetAsync($"{Base}/instances/nope");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Suspended)]
    public async Task GetStatus_NotFinished_Returns202WithLocationAndRetryAfter(OrchestrationRuntimeStatus status)
    {
        Given("a1", status);

        using var response = await _admin.GetAsync($"{Base}/instances/a1?showInput=true");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldEndWith($"{Base}/instances/a1?showInput=true");
        response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        root.GetProperty("name").GetString().ShouldBe("AssignmentOrchestrator");
        root.GetProperty("instanceId").GetString().ShouldBe("a1");
        root.GetProperty("runtimeStatus").GetString().ShouldBe(status.ToString());
        root.GetProperty("input").GetProperty("villageId").GetString().ShouldBe("v1");
        root.GetProperty("customStatus").GetProperty("stage").GetString().ShouldBe("term");
        root.GetProperty("output").ValueKind.ShouldBe(JsonValueKind.Null);
        root.GetProperty("createdTime").GetString().ShouldBe("2023-07-01T08:30:15Z");
        root.GetProperty("lastUpdatedTime").GetString().ShouldBe("2023-07-02T00:00:00Z");
        root.TryGetProperty("historyEvents", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    public async Task GetStatus_Finished_Returns200(OrchestrationRuntimeStatus status)
    {
        Given("a1", status, output: "\"done\"");

        using var response = await _admin.GetAsync($"{Base}/instances/a1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("output").GetString().ShouldBe("done");
    }

    [Fact]
    public async Task GetStatus_FailedWithReturnInternalServerErrorOnFailure_Returns500WithPayload()
    {
        Given("a1", OrchestrationRuntimeStatus.Failed);

        using var response = await _admin.GetAsync($"{Base}/instances/a1?returnInternalServerErrorOnFailure=true");

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString().ShouldBe("Failed");
    }

    [Fact]
    public async Task GetStatus_ShowInputFalse_InputIsNull()
    {
        Given("a1", OrchestrationRuntimeStatus.Completed);

        var body = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/a1?showInput=false");

        body.GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task GetStatus_ShowHistory_ListsEventsWithFunctionNamesAndResultsOnlyWhenAsked()
    {
        Given("a1", OrchestrationRuntimeStatus.Completed);
        _client.GetOrchestrationHistoryAsync("a1", Arg.Any<CancellationToken>()).Returns(History());

        var without = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/a1?showHistory=true");
        var with = await _admin.GetFromJsonAsync<JsonElement>($"{Base}/instances/a1?showHistory=true&showHistoryOutput=true");

        var events = without.GetProperty("historyEvents").EnumerateArray().ToList();
        events.Select(e => e.GetProperty("EventType").GetString()).ShouldBe(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"]);
        events[0].GetProperty("FunctionName").GetString().ShouldBe("AssignmentOrchestrator");
        events[1].GetProperty("FunctionName").GetString().ShouldBe("SendNotice");
        events[1].GetProperty("ScheduledTime").GetString().ShouldBe("2023-07-01T08:30:16Z");
        events[1].TryGetProperty("Result", out _).ShouldBeFalse();
        events[2].GetProperty("OrchestrationStatus").GetString().ShouldBe("Completed");
        with.GetProperty("historyEvents")[1].GetProperty("Result").GetString().ShouldBe("sent");
    }

    [Fact]
    public async Task ListInstances_Filters_PassedToQueryAndContinuationHeaderReturned()
    {
        OrchestrationQuery? seen = null;
        _client.QueryInstancesAsync(Arg.Do<OrchestrationQuery?>(q => seen = q), Arg.Any<CancellationToken>())
            .Returns(new OrchestrationQueryResult([Metadata("r1-v1", OrchestrationRuntimeStatus.Running)], "next-page"));
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"{Base}/instances?instanceIdPrefix=r1-&runtimeStatus=Running,Pending&top=5&createdTimeFrom=2023-07-01T00:00:00Z&createdTimeTo=2023-08-01T00:00:00Z");
        request.Headers.Add("x-ms-continuation-token", "this-page");

        using var response = await _admin.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-ms-continuation-token").Single().ShouldBe("next-page");
        var items = await response.Content.ReadFromJsonAsync<JsonElement>();
        items.GetArrayLength().ShouldBe(1);
        items[0].GetProperty("input").ValueKind.ShouldBe(JsonValueKind.Null);
        seen.ShouldNotBeNull();
        seen.InstanceIdPrefix.ShouldBe("r1-");
        seen.Statuses.ShouldBe([OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending]);
        seen.PageSize.ShouldBe(5);
        seen.ContinuationToken.ShouldBe("this-page");
        seen.CreatedFrom.ShouldBe(new DateTimeOffset(2023, 7, 1, 0, 0, 0, TimeSpan.Zero));
        seen.CreatedTo.ShouldBe(new DateTimeOffset(2023, 8, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("runtimeStatus=Sleeping", "runtimeStatus")]
    [InlineData("top=0", "top")]
    [InlineData("top=5000", "top")]
    public async Task ListInstances_BadFilter_Returns400(string query, string field)
    {
        using var response = await _admin.GetAsync($"{Base}/instances?{query}");

        await response.ShouldBeFieldErrorAsync(field);
    }

    [Fact]
    public async Task RaiseEvent_Running_Returns202AndRaisesPayload()
    {
        Given("a1", OrchestrationRuntimeStatus.Running);

        using var response = await _admin.PostAsync($"{Base}/instances/a1/raiseEvent/CheckInAnswered", Json("""{"daysInVillage": 22}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await _client.Received(1).RaiseEventAsync("a1", "CheckInAnswered", Arg.Is<object?>(p => p is JsonElement && ((JsonElement)p).GetProperty("daysInVillage").GetInt32() == 22), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RaiseEvent_Unknown_Returns404()
    {
        using var response = await _admin.PostAsync($"{Base}/instances/nope/raiseEvent/E", Json("{}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task RaiseEvent_Finished_Returns410(OrchestrationRuntimeStatus status)
    {
        Given("a1", status);

        using var response = await _admin.PostAsync($"{Base}/instances/a1/raiseEvent/E", Json("{}"));

        await response.ShouldBeProblemAsync(HttpStatusCode.Gone);
        await _client.DidNotReceiveWithAnyArgs().RaiseEventAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task RaiseEvent_NotJsonContentType_Returns400()
    {
        Given("a1", OrchestrationRuntimeStatus.Running);

        using var response = await _admin.PostAsync($"{Base}/instances/a1/raiseEvent/E", new StringContent("22", Encoding.UTF8, "text/plain"));

        await response.ShouldBeFieldErrorAsync("body");
    }

    [Fact]
    public async Task RaiseEvent_InvalidJson_Returns400()
    {
        Given("a1", OrchestrationRuntimeStatus.Running);

        using var response = await _admin.PostAsync($"{Base}/instances/a1/raiseEvent/E", Json("{not json"));

        await response.ShouldBeFieldErrorAsync("body");
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task Command_Running_Returns202AndPassesReason(string command)
    {
        Given("a1", OrchestrationRuntimeStatus.Running);

        using var response = await _admin.PostAsync($"{Base}/instances/a1/{command}?reason=moved%20away", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        switch (command)
        {
            case "terminate":
                await _client.Received(1).TerminateInstanceAsync("a1", Arg.Is<TerminateInstanceOptions?>(o => (string?)o!.Output == "moved away"), Arg.Any<CancellationToken>());
                break;
            case "suspend":
                await _client.Received(1).SuspendInstanceAsync("a1", "moved away", Arg.Any<CancellationToken>());
                break;
            default:
                await _client.Received(1).ResumeInstanceAsync("a1", "moved away", Arg.Any<CancellationToken>());
                break;
        }
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task Command_UnknownOrFinished_Returns404Or410(string command)
    {
        Given("done", OrchestrationRuntimeStatus.Completed);

        using var unknown = await _admin.PostAsync($"{Base}/instances/nope/{command}", null);
        using var finished = await _admin.PostAsync($"{Base}/instances/done/{command}", null);

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await finished.ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task PurgeInstance_Finished_Returns200WithCount()
    {
        _client.PurgeInstanceAsync("a1", Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(1));

        using var response = await _admin.DeleteAsync($"{Base}/instances/a1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task PurgeInstance_NothingPurged_Returns404()
    {
        _client.PurgeInstanceAsync("a1", Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(0));

        using var response = await _admin.DeleteAsync($"{Base}/instances/a1");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PurgeInstances_WithoutCreatedTimeFrom_Returns400()
    {
        using var response = await _admin.DeleteAsync($"{Base}/instances");

        await response.ShouldBeFieldErrorAsync("createdTimeFrom");
    }

    [Fact]
    public async Task PurgeInstances_Filter_ToDefaultsToNowAndReturnsCount()
    {
        PurgeInstancesFilter? seen = null;
        _client.PurgeAllInstancesAsync(Arg.Do<PurgeInstancesFilter>(f => seen = f), Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>())
            .Returns(new PurgeResult(3));

        using var response = await _admin.DeleteAsync($"{Base}/instances?createdTimeFrom=2023-01-01T00:00:00Z&runtimeStatus=Completed,Terminated");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("instancesDeleted").GetInt32().ShouldBe(3);
        seen!.CreatedTo.ShouldBe(DispatchAppFactory.ClockStart);
        seen.Statuses.ShouldBe([OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Terminated]);
    }

    [Fact]
    public async Task PurgeInstances_NothingPurged_Returns404()
    {
        _client.PurgeAllInstancesAsync(Arg.Any<PurgeInstancesFilter>(), Arg.Any<PurgeInstanceOptions?>(), Arg.Any<CancellationToken>()).Returns(new PurgeResult(0));

        using var response = await _admin.DeleteAsync($"{Base}/instances?createdTimeFrom=2023-01-01T00:00:00Z");

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _factory.Dispose();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private void Given(string id, OrchestrationRuntimeStatus status, string? output = null)
    {
        var metadata = Metadata(id, status, output);
        _client.GetInstanceAsync(id, Arg.Any<bool>(), Arg.Any<CancellationToken>()).Returns(metadata);
    }

    private static OrchestrationMetadata Metadata(string id, OrchestrationRuntimeStatus status, string? output = null) =>
        new("AssignmentOrchestrator", id)
        {
            RuntimeStatus = status,
            CreatedAt = Created,
            LastUpdatedAt = new DateTimeOffset(2023, 7, 2, 0, 0, 0, TimeSpan.Zero),
            SerializedInput = """{"roundId":"r1","villageId":"v1"}""",
            SerializedCustomStatus = """{"stage":"term"}""",
            SerializedOutput = output,
            RequestedInputsAndOutputs = true,
        };

    private static IList<HistoryEvent> History() =>
    [
        new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = Created },
        new() { EventType = HistoryEventType.ExecutionStarted, Timestamp = Created, Name = "AssignmentOrchestrator", Input = "{}" },
        new() { EventType = HistoryEventType.TaskScheduled, EventId = 0, Timestamp = Created.AddSeconds(1), Name = "SendNotice" },
        new() { EventType = HistoryEventType.TaskCompleted, Timestamp = Created.AddSeconds(2), TaskScheduledId = 0, Result = "\"sent\"" },
        new() { EventType = HistoryEventType.ExecutionCompleted, Timestamp = Created.AddSeconds(3), Result = "\"done\"" },
    ];
}
