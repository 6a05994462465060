namespace Dispatch.Durable.Tests.Replay;

/// <summary>
/// The orchestrators whose histories are recorded in <c>Histories/*.json</c>. Changing their behaviour
/// breaks <see cref="ReplayCheckerTests"/> on purpose: in production that change would break in-flight instances.
/// </summary>
public static class RecordedOrchestrators
{
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddOrchestratorFunc<int, int>("MonthlyCheckIn", MonthlyCheckInAsync)
            .AddOrchestratorFunc<string[], int>("ReviewRound", ReviewRoundAsync)
            .AddOrchestratorFunc<int, int>("ScoreReview", (_, score) => Task.FromResult(score * 2))
            .AddOrchestratorFunc<int, int>("RotationCycle", RotationCycleAsync);
    }

    public static void RegisterActivities(DurableTaskRegistry registry, Func<int> flakyAttempt)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddActivityFunc<int, string>("RecordCheckIn", (_, month) => $"month {month} recorded")
            .AddActivityFunc<string, int>("ScoreMember", (_, name) => name.Length)
            .AddActivityFunc<int, int>("NotifyCommittee", (_, total) => flakyAttempt() < 2 ? throw new TimeoutException("mail server busy") : total);
    }

    public static async Task<int> MonthlyCheckInAsync(TaskOrchestrationContext context, int months)
    {
        var reported = 0;
        for (var month = 1; month <= months; month++)
        {
            context.SetBusinessKey("month", month.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await context.CreateTimer(context.CurrentUtcDateTime.AddMonths(1), CancellationToken.None);
            try
            {
                await context.WaitForExternalEvent<string>("Report", TimeSpan.FromDays(7));
                reported++;
            }
            catch (TaskCanceledException)
            {
                context.SetCustomStatus($"month {month}: no report");
            }

            await context.CallActivityAsync<string>("RecordCheckIn", month);
        }

        return reported;
    }

    public static async Task<int> ReviewRoundAsync(TaskOrchestrationContext context, string[] members)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(members);
        var scores = await Task.WhenAll(members.Select(m => context.CallActivityAsync<int>("ScoreMember", m)));
        var doubled = await context.CallSubOrchestratorAsync<int>("ScoreReview", scores.Sum(), new SubOrchestrationOptions(instanceId: context.InstanceId + "-score"));
        return await context.CallActivityAsync<int>("NotifyCommittee", doubled, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromMinutes(10))));
    }

    public static async Task<int> RotationCycleAsync(TaskOrchestrationContext context, int cycle)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = await context.WaitForExternalEvent<string>("Decision");
        if (decision == "extend" && cycle < 3)
        {
            context.ContinueAsNew(cycle + 1);
            return cycle;
        }

        await context.CreateTimer(TimeSpan.FromDays(30), CancellationToken.None);
        return cycle;
    }
}
