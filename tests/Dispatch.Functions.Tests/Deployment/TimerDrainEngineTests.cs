using Dispatch.Durable.Client;
using Dispatch.Durable.Testing;
using Dispatch.Functions.Clock;
using Dispatch.Functions.CustomHandler;
using Dispatch.Testing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>The timer function over the real engine (in-memory backend): what one invocation advances.</summary>
public sealed class TimerDrainEngineTests
{
    private const int Instances = 1_000;

    private static async Task<(DurableTestHost Host, FakeTimeProvider Time)> StartWaitingInstancesAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero));
        var host = await DurableTestHost.StartAsync(
            registry => registry
                .AddOrchestratorFunc<int, int>("MonthlyCheckIn", async (context, month) =>
                {
                    await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
                    return await context.CallActivityAsync<int>("RecordCheckIn", month);
                })
                .AddActivityFunc<int, int>("RecordCheckIn", (_, month) => month + 1),
            new DurableTestHostOptions { TimeProvider = time, SetUtcNow = time.SetUtcNow });

        for (var i = 0; i < Instances; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("MonthlyCheckIn", i, new StartOrchestrationOptions { InstanceId = $"a{i:D4}" });
        }

        // Every instance starts and parks on its one-minute timer; then the minute passes with nothing running.
        await host.RunUntilIdleAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        return (host, time);
    }

    private static async Task<int> CountAsync(DurableTaskClient client, OrchestrationRuntimeStatus status)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [status], PageSize = 500, ContinuationToken = token });
            count += page.Instances.Count;
            token = page.ContinuationToken;
        }
        while (token is not null);
        return count;
    }

    [Fact]
    public async Task Invoke_ThousandTimersDue_OneInvocationCompletesEveryInstanceWithinTheBudget()
    {
        var (host, time) = await StartWaitingInstancesAsync();
        await using var _ = host;
        (await CountAsync(host.Client, OrchestrationRuntimeStatus.Running)).ShouldBe(Instances);

        var result = await DueWorkTimerFunction.InvokeAsync(
            new InvocationRequest(new() { ["timer"] = System.Text.Json.JsonDocument.Parse("""{"IsPastDue":false}""").RootElement }, null),
            new EngineDueWorkDrainer(host.Worker),
            DueWorkTimerFunction.DefaultBudget,
            time,
            NullLogger.Instance);

        var payload = result.ShouldBeOfType<Ok<InvocationResponse>>().Value!;
        payload.Logs[0].ShouldContain("nothing else is due");
        (await CountAsync(host.Client, OrchestrationRuntimeStatus.Completed)).ShouldBe(Instances);
        (await host.Client.GetInstanceAsync("a0999", getInputsAndOutputs: true))!.SerializedOutput.ShouldBe("1000");
    }

    [Fact]
    public async Task Invoke_NothingDue_SucceedsWithoutWork()
    {
        var time = new FakeTimeProvider();
        await using var host = await DurableTestHost.StartAsync(_ => { }, new DurableTestHostOptions { TimeProvider = time, SetUtcNow = time.SetUtcNow });

        var result = await DueWorkTimerFunction.InvokeAsync(
            new InvocationRequest(new() { ["timer"] = System.Text.Json.JsonDocument.Parse("{}").RootElement }, null),
            new EngineDueWorkDrainer(host.Worker),
            DueWorkTimerFunction.DefaultBudget,
            time,
            NullLogger.Instance);

        result.ShouldBeOfType<Ok<InvocationResponse>>().Value!.Logs.ShouldHaveSingleItem().ShouldStartWith("Advanced 0 due work items");
    }
}
