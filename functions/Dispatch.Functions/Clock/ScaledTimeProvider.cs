namespace Dispatch.Functions.Clock;

/// <summary>
/// A clock running <see cref="Speed"/> times faster than real time from a start instant
/// (<c>Dispatch:Clock:Mode=Scaled</c>, development only), so a demonstration can live through months in minutes.
/// Timers are shortened by the same factor.
/// </summary>
internal sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _real;
    private readonly DateTimeOffset _start;
    private readonly long _realStart;

    /// <summary>Creates the clock at <paramref name="start"/>, running <paramref name="speed"/> times real time.</summary>
    public ScaledTimeProvider(DateTimeOffset start, double speed, TimeProvider? real = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _real = real ?? System;
        _start = start.ToUniversalTime();
        _realStart = _real.GetTimestamp();
        Speed = speed;
    }

    /// <summary>Gets simulated seconds per real second.</summary>
    public double Speed { get; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() =>
        _start + TimeSpan.FromTicks((long)(_real.GetElapsedTime(_realStart).Ticks * Speed));

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(this, _real.CreateTimer(callback, state, Scale(dueTime), Scale(period)));

    private TimeSpan Scale(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / Speed)));

    private sealed class ScaledTimer(ScaledTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Scale(dueTime), owner.Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
