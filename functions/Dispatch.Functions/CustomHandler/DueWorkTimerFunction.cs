using System.Globalization;
using System.Text.Json;

namespace Dispatch.Functions.CustomHandler;

/// <summary>
/// The timer-triggered function: every minute the Functions host POSTs a timer payload to
/// <c>/AdvanceDueWork</c> and this drains the due work within a budget, answering with the custom-handler
/// response payload.
/// </summary>
internal static partial class DueWorkTimerFunction
{
    /// <summary>The function name, folder name and the path the Functions host POSTs to.</summary>
    public const string Name = "AdvanceDueWork";

    /// <summary>The timer binding's name, the key of <c>Data</c> in the payload.</summary>
    public const string BindingName = "timer";

    /// <summary>Every minute, at second 0 (UTC).</summary>
    public const string Schedule = "0 */1 * * * *";

    /// <summary>The configuration key of the drain budget.</summary>
    public const string BudgetKey = "Dispatch:CustomHandler:DrainBudget";

    /// <summary>
    /// The default budget: the timer fires every minute and only one instance runs it (a blob lease), so a
    /// drain that leaves ten seconds before the next occurrence never makes the host skip one.
    /// </summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(50);

    /// <summary>Gets the definition written to <c>AdvanceDueWork/function.json</c>.</summary>
    public static TimerFunctionDefinition Definition { get; } = new(Name, Schedule, BindingName);

    /// <summary>Reads the budget from configuration (a TimeSpan such as <c>00:00:50</c>).</summary>
    /// <exception cref="InvalidOperationException">The value is not a TimeSpan from one second to ten minutes.</exception>
    public static TimeSpan ReadBudget(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[BudgetKey];
        if (string.IsNullOrWhiteSpace(text))
        {
            return DefaultBudget;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var budget) ||
            budget < TimeSpan.FromSeconds(1) || budget > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException(
                $"{BudgetKey} must be a TimeSpan from 00:00:01 to 00:10:00 (the function timeout), not '{text}'.");
        }

        return budget;
    }

    /// <summary>Handles one timer invocation.</summary>
    /// <param name="request">The invocation payload.</param>
    /// <param name="drainer">The drainer, or null when the host has no engine wired.</param>
    /// <param name="budget">How long the drain may take new work.</param>
    /// <param name="timeProvider">Measures the drain.</param>
    /// <param name="logger">Logs the outcome.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>200 with the custom-handler payload, 400 for a payload that is not a timer invocation, 503 without an engine.</returns>
    public static async Task<IResult> InvokeAsync(
        InvocationRequest? request,
        IDueWorkDrainer? drainer,
        TimeSpan budget,
        TimeProvider timeProvider,
        ILogger logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);

        if (request?.Data is null || !request.Data.TryGetValue(BindingName, out var timer) || timer.ValueKind != JsonValueKind.Object)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Not a timer invocation",
                detail: $"The body must be the Functions host's invocation payload with the timer in Data.{BindingName}.");
        }

        if (drainer is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "No durable engine",
                detail: "This host has no due-work drainer registered, so the timer cannot advance due work.");
        }

        var logs = new List<string>();
        if (timer.TryGetProperty("IsPastDue", out var pastDue) && pastDue.ValueKind == JsonValueKind.True)
        {
            logs.Add("The timer is past due: the previous run overran its minute or the app was scaled to zero.");
        }

        var started = timeProvider.GetTimestamp();
        var result = await drainer.DrainDueWorkAsync(budget, cancellationToken).ConfigureAwait(false);
        var elapsed = timeProvider.GetElapsedTime(started);

        LogDrained(logger, result.Processed, elapsed.TotalMilliseconds, result.MoreDue);
        var rest = result.MoreDue
            ? "more work is due and the next run continues it."
            : result.NextDueAt is { } next
                ? string.Create(CultureInfo.InvariantCulture, $"nothing else is due until {next:u}.")
                : "nothing else is due.";
        logs.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"Advanced {result.Processed} due work items in {elapsed.TotalMilliseconds:0} ms (budget {budget.TotalSeconds:0} s); {rest}"));

        return TypedResults.Ok(new InvocationResponse(new Dictionary<string, object?>(), logs, null));
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information,
        Message = "Timer drained {Processed} due work items in {ElapsedMs:0} ms; more due: {MoreDue}")]
    private static partial void LogDrained(ILogger logger, int processed, double elapsedMs, bool moreDue);
}
