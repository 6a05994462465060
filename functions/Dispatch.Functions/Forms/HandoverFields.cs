using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>The handover page's form field names (the list sections use <see cref="Workflow.Domain.HandoverList"/>'s JSON names).</summary>
internal static class HandoverFields
{
    /// <summary>The step the page was rendered for, so a stale page is noticed.</summary>
    public const string Step = "step";

    /// <summary>The meeting answer: accept or reschedule.</summary>
    public const string Response = "response";

    /// <summary>The proposed meeting time (local time).</summary>
    public const string ProposedAt = "proposedAt";

    /// <summary>The incoming secretary's decision: accept or return.</summary>
    public const string Decision = "decision";

    /// <summary>What is missing from the list.</summary>
    public const string Missing = "missing";

    /// <summary>The list sections, in page order.</summary>
    public static readonly string[] Sections =
        ["ledgers", "unfinishedProjects", "funds", "openRequests", "monitoredHouseholds", "assets", "contacts"];

    /// <summary>The label of a list section.</summary>
    public static string Label(string section, NoticeLanguage language) => FormText.Get("list." + section, language);
}
