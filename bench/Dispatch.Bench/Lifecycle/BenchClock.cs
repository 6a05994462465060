namespace Dispatch.Bench.Lifecycle;

/// <summary>
/// A clock that moves only when the simulation moves it, read without a lock: every step and activity
/// reads the time, and a locked clock made the worker's threads queue on it.
/// </summary>
internal sealed class BenchClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    /// <summary>Moves the clock forward (never back); the time-skipping host calls this by name.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value.UtcTicks, Interlocked.Read(ref _ticks), nameof(value));
        Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }
}
