namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>POST /api/admin/clock/advance</c>: exactly one of <paramref name="Days"/> and <paramref name="To"/>.</summary>
/// <param name="Days">Whole days to move forward (1 to 3660).</param>
/// <param name="To">The instant to move to; not before the current time.</param>
internal sealed record ClockAdvanceRequest(int? Days, DateTimeOffset? To);
