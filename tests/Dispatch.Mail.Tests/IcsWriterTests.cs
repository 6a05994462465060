using System.Text;
using Dispatch.Mail.Calendar;

namespace Dispatch.Mail.Tests;

public sealed class IcsWriterTests
{
    private static readonly DateTimeOffset Stamp = new(2026, 3, 1, 1, 2, 3, TimeSpan.Zero);

    private static string Write(CalendarEvent ev) => IcsWriter.Write(
        ev,
        "交接会议邀请：红光村",
        "第一行\n第二行; 含逗号, 和反斜杠\\",
        new NoticeRecipient("驻村第一书记管理系统", "noreply@dispatch.example.com", RecipientRole.Hr),
        [new NoticeRecipient("潘光强", "pan@example.com", RecipientRole.Secretary)],
        Stamp);

    private static CalendarEvent Event(int sequence = 0, bool cancelled = false) =>
        new("handover-a1@dispatch", sequence, new DateTimeOffset(2026, 4, 10, 1, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 10, 3, 30, 0, TimeSpan.Zero), "红光村村委会, 会议室", cancelled)
        {
            Attendees = [new NoticeRecipient("李根", "li@example.com", RecipientRole.OutgoingSecretary)],
        };

    private static List<string> Unfold(string ics) =>
        [.. ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Split("\r\n").Where(l => l.Length > 0)];

    [Fact]
    public void Write_Request_HasEveryField()
    {
        var lines = Unfold(Write(Event()));

        lines[0].ShouldBe("BEGIN:VCALENDAR");
        lines.ShouldContain("VERSION:2.0");
        lines.ShouldContain("METHOD:REQUEST");
        lines.ShouldContain("BEGIN:VTIMEZONE");
        lines.ShouldContain("TZID:Asia/Shanghai");
        lines.ShouldContain("TZOFFSETTO:+0800");
        lines.ShouldContain("UID:handover-a1@dispatch");
        lines.ShouldContain("DTSTAMP:20260301T010203Z");
        lines.ShouldContain("DTSTART;TZID=Asia/Shanghai:20260410T093000");
        lines.ShouldContain("DTEND;TZID=Asia/Shanghai:20260410T113000");
        lines.ShouldContain("SEQUENCE:0");
        lines.ShouldContain("STATUS:CONFIRMED");
        lines.ShouldContain("SUMMARY:交接会议邀请：红光村");
        lines.ShouldContain("LOCATION:红光村村委会\\, 会议室");
        lines.ShouldContain("DESCRIPTION:第一行\\n第二行\\; 含逗号\\, 和反斜杠\\\\");
        lines.ShouldContain("ORGANIZER;CN=驻村第一书记管理系统:mailto:noreply@dispatch.example.com");
        lines.ShouldContain("ATTENDEE;CN=潘光强;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:pan@example.com");
        lines.ShouldContain("ATTENDEE;CN=李根;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:li@example.com");
        lines[^1].ShouldBe("END:VCALENDAR");
        lines.Count(l => l == "BEGIN:VEVENT").ShouldBe(1);
    }

    [Fact]
    public void Write_Reschedule_KeepsUidAndBumpsSequence()
    {
        var first = Unfold(Write(Event()));
        var second = Unfold(Write(Event(sequence: 1) with { Start = new DateTimeOffset(2026, 4, 11, 1, 30, 0, TimeSpan.Zero), End = new DateTimeOffset(2026, 4, 11, 3, 0, 0, TimeSpan.Zero) }));

        second.Single(l => l.StartsWith("UID:", StringComparison.Ordinal)).ShouldBe(first.Single(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        second.ShouldContain("SEQUENCE:1");
        second.ShouldContain("DTSTART;TZID=Asia/Shanghai:20260411T093000");
    }

    [Fact]
    public void Write_Cancelled_UsesCancelMethodAndStatus()
    {
        var lines = Unfold(Write(Event(sequence: 2, cancelled: true)));

        lines.ShouldContain("METHOD:CANCEL");
        lines.ShouldContain("STATUS:CANCELLED");
        lines.ShouldContain("SEQUENCE:2");
    }

    [Fact]
    public void Write_LongLines_FoldedAt75OctetsWithCrlf()
    {
        var ics = Write(Event());

        ics.Replace("\r\n", string.Empty, StringComparison.Ordinal).ShouldNotContain("\n");
        ics.ShouldEndWith("\r\n");
        foreach (var line in ics.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
        }

        ics.ShouldContain("\r\n ");
        Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(ics)).ShouldBe(ics);
    }
}
