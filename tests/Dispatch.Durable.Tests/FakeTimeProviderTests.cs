using Dispatch.Testing;

namespace Dispatch.Durable.Tests;

public sealed class FakeTimeProviderTests
{
    [Fact]
    public void Advance_PastTwoTimers_FiresBothInDueOrder()
    {
        var clock = new FakeTimeProvider();
        var fired = new List<string>();
        using var late = clock.CreateTimer(_ => fired.Add("late"), null, TimeSpan.FromDays(730), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add("early"), null, TimeSpan.FromDays(1), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromDays(800));

        fired.ShouldBe(["early", "late"]);
        clock.GetUtcNow().ShouldBe(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(800));
    }

    [Fact]
    public void SetUtcNow_Backwards_Throws()
    {
        var clock = new FakeTimeProvider();

        Should.Throw<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
    }

    [Fact]
    public void Advance_DisposedTimer_DoesNotFire()
    {
        var clock = new FakeTimeProvider();
        var fired = false;
        var timer = clock.CreateTimer(_ => fired = true, null, TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
        timer.Dispose();

        clock.Advance(TimeSpan.FromHours(1));

        fired.ShouldBeFalse();
    }
}
