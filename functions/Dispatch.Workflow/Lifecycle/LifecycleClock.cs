namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// Local calendar rules: dates and "09:00" are China Standard Time (UTC+8, no daylight saving), so
/// check-in days, month ends and meeting times fall where the townships expect them.
/// </summary>
internal static class LifecycleClock
{
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(8);

    /// <summary>09:00 local on <paramref name="day"/>, as UTC.</summary>
    public static DateTime MorningOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), LocalOffset).UtcDateTime;

    /// <summary>Midnight local at the start of <paramref name="day"/>, as UTC.</summary>
    public static DateTime StartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), LocalOffset).UtcDateTime;

    /// <summary>The local date of a UTC instant.</summary>
    public static DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToOffset(LocalOffset).DateTime);

    /// <summary>The <c>yyyy-MM</c> of a local date.</summary>
    public static string Period(DateOnly day) => day.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
