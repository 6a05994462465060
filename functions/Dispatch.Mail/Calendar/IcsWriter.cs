using System.Globalization;
using System.Text;

namespace Dispatch.Mail.Calendar;

/// <summary>
/// Writes RFC 5545 iTIP invitations: METHOD:REQUEST (or CANCEL), a VTIMEZONE for Asia/Shanghai (UTC+8, no
/// daylight saving since 1991), local times with TZID, the meeting's stable UID and SEQUENCE, CRLF line ends
/// and lines folded at 75 octets without splitting a UTF-8 character.
/// </summary>
internal static class IcsWriter
{
    /// <summary>The time zone every Dispatch meeting is in.</summary>
    public const string TimeZoneId = "Asia/Shanghai";

    private static readonly TimeSpan ShanghaiOffset = TimeSpan.FromHours(8);

    /// <summary>Returns the calendar text for <paramref name="ev"/>.</summary>
    public static string Write(
        CalendarEvent ev,
        string summary,
        string description,
        NoticeRecipient organizer,
        IEnumerable<NoticeRecipient> attendees,
        DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(ev);
        ArgumentException.ThrowIfNullOrWhiteSpace(ev.Uid);
        if (ev.Uid.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException($"Calendar UID '{ev.Uid}' holds a line break.", nameof(ev));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ev.Sequence);
        var sb = new StringBuilder(1024);
        Line(sb, "BEGIN:VCALENDAR");
        Line(sb, "PRODID:-//Dispatch//Dispatch Mail 1.0//ZH");
        Line(sb, "VERSION:2.0");
        Line(sb, "CALSCALE:GREGORIAN");
        Line(sb, ev.Cancelled ? "METHOD:CANCEL" : "METHOD:REQUEST");
        Line(sb, "BEGIN:VTIMEZONE");
        Line(sb, "TZID:" + TimeZoneId);
        Line(sb, "X-LIC-LOCATION:" + TimeZoneId);
        Line(sb, "BEGIN:STANDARD");
        Line(sb, "DTSTART:19700101T000000");
        Line(sb, "TZOFFSETFROM:+0800");
        Line(sb, "TZOFFSETTO:+0800");
        Line(sb, "TZNAME:CST");
        Line(sb, "END:STANDARD");
        Line(sb, "END:VTIMEZONE");
        Line(sb, "BEGIN:VEVENT");
        Line(sb, "UID:" + ev.Uid);
        Line(sb, "DTSTAMP:" + stamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Line(sb, $"DTSTART;TZID={TimeZoneId}:{Local(ev.Start)}");
        Line(sb, $"DTEND;TZID={TimeZoneId}:{Local(ev.End)}");
        Line(sb, "SEQUENCE:" + ev.Sequence.ToString(CultureInfo.InvariantCulture));
        Line(sb, ev.Cancelled ? "STATUS:CANCELLED" : "STATUS:CONFIRMED");
        Line(sb, "SUMMARY:" + EscapeText(summary));
        Line(sb, "LOCATION:" + EscapeText(ev.Location));
        Line(sb, "DESCRIPTION:" + EscapeText(description));
        Line(sb, $"ORGANIZER;CN={Param(organizer.Name)}:mailto:{organizer.Email}");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in attendees.Concat(ev.Attendees))
        {
            if (seen.Add(a.Email))
            {
                Line(sb, $"ATTENDEE;CN={Param(a.Name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{a.Email}");
            }
        }

        Line(sb, "TRANSP:OPAQUE");
        Line(sb, "END:VEVENT");
        Line(sb, "END:VCALENDAR");
        return sb.ToString();
    }

    /// <summary>Escapes a TEXT value (RFC 5545 §3.3.11).</summary>
    public static string EscapeText(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case ';': sb.Append("\\;"); break;
                case ',': sb.Append("\\,"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': break;
                default:
                    if (!char.IsControl(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Appends one content line folded at 75 octets, ending in CRLF.</summary>
    public static void Line(StringBuilder sb, string line)
    {
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var width = char.IsHighSurrogate(c) && i + 1 < line.Length ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (octets + width > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }

            sb.Append(c);
            if (width == 4)
            {
                sb.Append(line[++i]);
            }

            octets += width;
        }

        sb.Append("\r\n");
    }

    private static string Local(DateTimeOffset value) =>
        value.ToOffset(ShanghaiOffset).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    private static string Param(string value)
    {
        var clean = new string(value.Where(c => c != '"' && !char.IsControl(c)).ToArray());
        return clean.AsSpan().IndexOfAny(":;,") >= 0 ? "\"" + clean + "\"" : clean;
    }
}
