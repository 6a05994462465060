using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests;

/// <summary>The management API and the manual clock over the real engine (in-memory backend).</summary>
public sealed class EngineIntegrationTests : IDisposable
{
    private const string Base = "/runtime/webhooks/durabletask";
    private readonly DispatchAppFactory _factory = new();
    private readonly HttpClient _admin;

    public EngineIntegrationTests()
    {
        _admin = _factory.CreateClient(DispatchAppFactory.AdminKey);
        var registry = _factory.Services.GetRequiredService<DurableTaskRegistry>();
        registry.AddOrchestratorFunc<string, string>("SleepThenAnswer", async (context, input) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(10), CancellationToken.None);
            var answer = await context.WaitForExternalEvent<JsonElement>("Answer");
            return $"{input}:{answer.GetProperty("days").GetInt32()}";
        });
    }

    [Fact]
    public async Task Lifecycle_TimerEventAndStatus_FollowDurableStatusCodes()
    {
        var client = _factory.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("SleepThenAnswer", "v1", new StartOrchestrationOptions("t-1"));

        using var running = await _admin.GetAsync($"{Base}/instances/{id}");
        running.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var early = await _admin.PostAsync($"{Base}/instances/{id}/raiseEvent/Answer", JsonContent.Create(new { days = 22 }));
        early.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var advance = await _admin.PostAsJsonAsync("/api/admin/clock/advance", new { days = 11 });
        advance.StatusCode.ShouldBe(HttpStatusCode.OK);

        using var done = await _admin.GetAsync($"{Base}/instances/{id}?showHistory=true&showHistoryOutput=true");
        var body = await done.Content.ReadFromJsonAsync<JsonElement>();
        done.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("runtimeStatus").GetString().ShouldBe("Completed");
        body.GetProperty("output").GetString().ShouldBe("v1:22");
        body.GetProperty("historyEvents").EnumerateArray().Select(e => e.GetProperty("EventType").GetString()).ShouldContain("TimerFired");
        using var late = await _admin.PostAsync($"{Base}/instances/{id}/raiseEvent/Answer", JsonContent.Create(new { days = 1 }));
        late.StatusCode.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task AdvanceClock_TimerDueBeforeTarget_IsProcessedBeforeReturn()
    {
        var client = _factory.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("SleepThenAnswer", "v1", new StartOrchestrationOptions("t-2"));
        using var start = await _admin.PostAsJsonAsync("/api/admin/clock/advance", new { days = 9 });
        var history = await client.GetOrchestrationHistoryAsync(id);
        history.ShouldNotContain(e => e.EventType == HistoryEventType.TimerFired);

        using var response = await _admin.PostAsJsonAsync("/api/admin/clock/advance", new { days = 2 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        history = await client.GetOrchestrationHistoryAsync(id);
        history.Single(e => e.EventType == HistoryEventType.TimerFired).FireAt.ShouldBe(DispatchAppFactory.ClockStart.AddDays(10));
    }

    [Fact]
    public async Task TerminateThenPurge_RealEngine_Returns202Then200()
    {
        var client = _factory.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync("SleepThenAnswer", "v1", new StartOrchestrationOptions("t-3"));
        using var _ = await _admin.PostAsJsonAsync("/api/admin/clock/advance", new { days = 1 });

        using var terminate = await _admin.PostAsync($"{Base}/instances/{id}/terminate?reason=test", null);
        using var status = await _admin.GetAsync($"{Base}/instances/{id}");
        using var purge = await _admin.DeleteAsync($"{Base}/instances/{id}");
        using var gone = await _admin.GetAsync($"{Base}/instances/{id}");

        terminate.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString().ShouldBe("Terminated");
        purge.StatusCode.ShouldBe(HttpStatusCode.OK);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose()
    {
        _admin.Dispose();
        _factory.Dispose();
    }
}
