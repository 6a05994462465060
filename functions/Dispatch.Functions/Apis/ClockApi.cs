using Dispatch.Functions.Clock;
using Dispatch.Functions.Hosting;
using Dispatch.Functions.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Apis;

/// <summary>The clock: read it, and move it forward in manual mode.</summary>
internal static class ClockApi
{
    /// <summary>The largest step one advance may take.</summary>
    public const int MaxDays = 3660;

    /// <summary>Maps <c>/api/admin/clock</c>.</summary>
    public static IEndpointRouteBuilder MapClockApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/clock").WithTags("Clock").RequireRole(DispatchRoles.AdminPolicy);
        group.MapGet("/", GetClock).WithName("GetClock").WithSummary("The host's clock mode and current time.");
        group.MapPost("/advance", AdvanceClock)
            .WithName("AdvanceClock")
            .WithSummary("Moves the manual clock forward and returns once all work due by then has been processed.");
        return routes;
    }

    /// <summary>Reads the clock.</summary>
    public static Ok<ClockState> GetClock(TimeProvider clock, IOptions<DispatchHostOptions> options) =>
        TypedResults.Ok(new ClockState(options.Value.Clock.Mode, clock.GetUtcNow(), 0));

    /// <summary>Moves the manual clock forward, firing timers in due order and draining the engine's due work.</summary>
    public static async Task<Results<Ok<ClockState>, ValidationProblem, ProblemHttpResult>> AdvanceClock(
        ClockAdvanceRequest request,
        TimeProvider clock,
        IOptions<DispatchHostOptions> options,
        IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(services);
        var driver = services.GetService<ManualClockDriver>();
        if (driver is null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The clock is not manual",
                detail: $"The clock can be moved only when Dispatch:Clock:Mode is Manual (it is {options.Value.Clock.Mode}).");
        }

        var now = driver.Clock.GetUtcNow();
        DateTimeOffset target;
        switch (request)
        {
            case { Days: not null, To: not null }:
                return Invalid("request", "Give either 'days' or 'to', not both.");
            case { Days: { } days }:
                if (days is < 1 or > MaxDays)
                {
                    return Invalid("days", $"'days' must be from 1 to {MaxDays}, not {days}.");
                }

                target = now.AddDays(days);
                break;
            case { To: { } to }:
                if (to < now)
                {
                    return Invalid("to", $"'to' ({to:O}) is before the current time ({now:O}); the clock never goes back.");
                }

                target = to.ToUniversalTime();
                break;
            default:
                return Invalid("request", "Give 'days' (a whole number) or 'to' (an ISO 8601 time).");
        }

        var processed = await driver.AdvanceToAsync(target, cancellationToken);
        return TypedResults.Ok(new ClockState(ClockMode.Manual, driver.Clock.GetUtcNow(), processed));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
