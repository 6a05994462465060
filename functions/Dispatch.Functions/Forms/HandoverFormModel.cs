using System.Globalization;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Forms;

/// <summary>Reads the handover page's posted forms and validates them; every message names its field.</summary>
internal static class HandoverFormModel
{
    private const int MaxItemsPerSection = 200;
    private static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd H:mm", "yyyy/M/d H:mm"];

    /// <summary>Reads the meeting answer: true to accept, false with the proposed time (converted from Beijing time).</summary>
    public static (bool Accept, DateTimeOffset? ProposedAt)? ParseMeeting(
        IFormCollection form, bool canReschedule, DateTimeOffset now, NoticeLanguage language, out Dictionary<string, string> errors, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [HandoverFields.Response] = form[HandoverFields.Response].ToString().Trim(),
            [HandoverFields.ProposedAt] = form[HandoverFields.ProposedAt].ToString().Trim(),
        };
        var response = canReschedule ? values[HandoverFields.Response] : "accept";
        if (response == "accept")
        {
            return (true, null);
        }

        if (response != "reschedule")
        {
            errors[HandoverFields.Response] = FormText.Get("error.choice", language);
            return null;
        }

        var text = CheckInFormModel.Normalize(values[HandoverFields.ProposedAt]);
        if (text.Length == 0)
        {
            errors[HandoverFields.ProposedAt] = FormText.Get("error.proposedAt.required", language);
            return null;
        }

        if (!DateTime.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            errors[HandoverFields.ProposedAt] = FormText.Get("error.proposedAt.format", language);
            return null;
        }

        var proposed = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), FormLanguage.LocalOffset);
        if (proposed <= now)
        {
            errors[HandoverFields.ProposedAt] = FormText.Get("error.proposedAt.past", language);
            return null;
        }

        return (false, proposed.ToUniversalTime());
    }

    /// <summary>Reads the list, one item per line in each section.</summary>
    public static HandoverList? ParseList(IFormCollection form, NoticeLanguage language, out Dictionary<string, string> errors, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values = HandoverFields.Sections.ToDictionary(s => s, s => form[s].ToString(), StringComparer.Ordinal);
        var items = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var section in HandoverFields.Sections)
        {
            var lines = values[section].Split('\n').Select(l => l.Trim().TrimStart('-', '•', '·').Trim()).Where(l => l.Length > 0).ToList();
            if (lines.Count > MaxItemsPerSection)
            {
                errors[section] = FormText.Get("error.list.lines", language);
            }
            else if (lines.Any(l => l.Length > 500))
            {
                errors[section] = FormText.Get("error.list.line", language);
            }

            items[section] = lines;
        }

        if (errors.Count == 0 && items.Values.All(l => l.Count == 0))
        {
            errors[HandoverFields.Sections[0]] = FormText.Get("error.list.empty", language);
        }

        return errors.Count > 0 ? null : new HandoverList
        {
            Ledgers = items["ledgers"],
            UnfinishedProjects = items["unfinishedProjects"],
            Funds = items["funds"],
            OpenRequests = items["openRequests"],
            MonitoredHouseholds = items["monitoredHouseholds"],
            Assets = items["assets"],
            Contacts = items["contacts"],
        };
    }

    /// <summary>Reads the incoming secretary's decision: accepted, or what is missing.</summary>
    public static (bool Accepted, string? Missing)? ParseAcceptance(IFormCollection form, NoticeLanguage language, out Dictionary<string, string> errors, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [HandoverFields.Decision] = form[HandoverFields.Decision].ToString().Trim(),
            [HandoverFields.Missing] = form[HandoverFields.Missing].ToString().Trim(),
        };
        switch (values[HandoverFields.Decision])
        {
            case "accept":
                return (true, null);
            case "return" when values[HandoverFields.Missing].Length == 0:
                errors[HandoverFields.Missing] = FormText.Get("error.missing.required", language);
                return null;
            case "return" when values[HandoverFields.Missing].Length > 4000:
                errors[HandoverFields.Missing] = FormText.Get("error.length", language);
                return null;
            case "return":
                return (false, values[HandoverFields.Missing]);
            default:
                errors[HandoverFields.Decision] = FormText.Get("error.choice", language);
                return null;
        }
    }

    /// <summary>The section values of a known list, one item per line.</summary>
    public static Dictionary<string, string> ValuesOf(HandoverList? list) =>
        HandoverFields.Sections.ToDictionary(s => s, s => list is null ? string.Empty : string.Join('\n', Items(list, s)), StringComparer.Ordinal);

    /// <summary>The items of one section of <paramref name="list"/>.</summary>
    public static IReadOnlyList<string> Items(HandoverList list, string section)
    {
        ArgumentNullException.ThrowIfNull(list);
        return section switch
        {
            "ledgers" => list.Ledgers,
            "unfinishedProjects" => list.UnfinishedProjects,
            "funds" => list.Funds,
            "openRequests" => list.OpenRequests,
            "monitoredHouseholds" => list.MonitoredHouseholds,
            "assets" => list.Assets,
            "contacts" => list.Contacts,
            _ => throw new ArgumentException($"No handover list section '{section}'.", nameof(section)),
        } ?? [];
    }

    /// <summary>The field a workflow error key belongs to (<c>ledgers[2]</c> → <c>ledgers</c>).</summary>
    public static string FieldOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var bracket = key.IndexOf('[', StringComparison.Ordinal);
        return bracket > 0 ? key[..bracket] : key;
    }
}
