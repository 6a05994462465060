using System.Text.Json;

namespace Dispatch.Mail.Tests;

public sealed class NoticeTests
{
    [Fact]
    public void NoticeId_SameInputs_SameIdAndCaseInsensitiveEmail()
    {
        var a = Notice.CreateId("a1", NoticeKind.CheckInRequest, "2026-03", "Li@Example.com");
        var b = Notice.CreateId("a1", NoticeKind.CheckInRequest, "2026-03", "li@example.com");
        var c = Notice.CreateId("a1", NoticeKind.CheckInRequest, "2026-04", "li@example.com");

        a.ShouldBe(b);
        a.ShouldNotBe(c);
        a.Length.ShouldBe(32);
    }

    [Fact]
    public void Notice_JsonRoundTrip_KeepsEverything()
    {
        var notice = SampleNotices.For(NoticeKind.HandoverInvitation, NoticeLanguage.En);

        var back = JsonSerializer.Deserialize<Notice>(JsonSerializer.Serialize(notice))!;

        back.NoticeId.ShouldBe(notice.NoticeId);
        back.Kind.ShouldBe(NoticeKind.HandoverInvitation);
        back.Language.ShouldBe(NoticeLanguage.En);
        back.Model.ShouldBe(notice.Model);
        back.CalendarEvent!.Uid.ShouldBe(notice.CalendarEvent!.Uid);
        back.CalendarEvent.Attendees.Count.ShouldBe(1);
        back.Links.ShouldBe(notice.Links.ToList());
        JsonSerializer.Serialize(back).ShouldBe(JsonSerializer.Serialize(notice));
    }

    [Fact]
    public void Validate_BadRecipient_ThrowsNamingIt()
    {
        var notice = SampleNotices.For(NoticeKind.Appointment, NoticeLanguage.ZhCn) with
        {
            To = [new NoticeRecipient("张伟", "not-an-address\r\nBcc: x@evil.com", RecipientRole.Secretary)],
        };

        Should.Throw<ArgumentException>(notice.Validate).Message.ShouldContain("not-an-address");
    }

    [Fact]
    public void CheckInAnswer_DaysPlusLeaveOverMonth_IsInvalid()
    {
        var answer = new CheckInAnswer
        {
            DaysInVillage = 25, HouseholdsVisited = 1, ProblemsSolved = 0, FundsSecuredYuan = 0, ProjectsAdvanced = 0,
            Highlights = string.Empty, HelpNeeded = string.Empty, LeaveDays = 10,
        };

        answer.Validate().Keys.ShouldBe([CheckInFields.LeaveDays]);
    }
}
