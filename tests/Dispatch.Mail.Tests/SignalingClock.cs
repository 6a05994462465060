using Dispatch.Testing;

namespace Dispatch.Mail.Tests;

/// <summary>A <see cref="FakeTimeProvider"/> that tells the test each time code starts waiting on a timer.</summary>
internal sealed class SignalingClock(FakeTimeProvider inner) : TimeProvider
{
    private readonly SemaphoreSlim _timerCreated = new(0);

    public FakeTimeProvider Inner => inner;

    public List<TimeSpan> Waits { get; } = [];

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        lock (Waits)
        {
            Waits.Add(dueTime);
        }

        _timerCreated.Release();
        return timer;
    }

    /// <summary>Runs <paramref name="task"/>, advancing the clock by each wait as soon as the code starts it.</summary>
    public async Task<T> RunAsync<T>(Task<T> task)
    {
        while (true)
        {
            var timer = _timerCreated.WaitAsync();
            var done = await Task.WhenAny(task, timer);
            if (done == task)
            {
                return await task;
            }

            TimeSpan wait;
            lock (Waits)
            {
                wait = Waits[^1];
            }

            inner.Advance(wait);
        }
    }
}
