using Dispatch.Testing;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

public sealed class PendingAnswersTests
{
    [Fact]
    public void TryMark_SecondWithinTheHold_Refused()
    {
        var clock = new FakeTimeProvider();
        var pending = new PendingAnswers(clock);

        pending.TryMark("r1.v1|2026-07").ShouldBeTrue();
        clock.Advance(TimeSpan.FromMinutes(9));

        pending.TryMark("r1.v1|2026-07").ShouldBeFalse();
        pending.TryMark("r1.v2|2026-07").ShouldBeTrue();
    }

    [Fact]
    public void TryMark_AfterTheHold_AllowedAgain()
    {
        var clock = new FakeTimeProvider();
        var pending = new PendingAnswers(clock);
        pending.TryMark("r1.v1|2026-07").ShouldBeTrue();
        pending.IsMarked("r1.v1|2026-07").ShouldBeTrue();

        clock.Advance(TimeSpan.FromMinutes(10));

        pending.IsMarked("r1.v1|2026-07").ShouldBeFalse();
        pending.TryMark("r1.v1|2026-07").ShouldBeTrue();
        pending.TryMark("r1.v1|2026-07").ShouldBeFalse();
    }

    [Fact]
    public void Unmark_AnswerNotSent_AllowedAgain()
    {
        var pending = new PendingAnswers(new FakeTimeProvider());
        pending.TryMark("r1.v1|2026-07").ShouldBeTrue();

        pending.Unmark("r1.v1|2026-07");

        pending.TryMark("r1.v1|2026-07").ShouldBeTrue();
    }

    [Fact]
    public void TryMark_ManyExpired_PrunedAndStillCorrect()
    {
        var clock = new FakeTimeProvider();
        var pending = new PendingAnswers(clock);
        for (var i = 0; i < 2_000; i++)
        {
            pending.TryMark("old|" + i).ShouldBeTrue();
        }

        clock.Advance(TimeSpan.FromHours(1));
        pending.TryMark("new").ShouldBeTrue();

        pending.Count.ShouldBe(1);
        pending.TryMark("old|7").ShouldBeTrue();
        pending.TryMark("new").ShouldBeFalse();
    }
}
