namespace Dispatch.Mail;

/// <summary>The link names templates refer to.</summary>
public static class NoticeLinkNames
{
    /// <summary>The form to fill in (check-in, handover list, review).</summary>
    public const string Form = "form";

    /// <summary>A page to confirm or decline a meeting time.</summary>
    public const string Respond = "respond";

    /// <summary>A page for HR to decide (selection, end of term).</summary>
    public const string Decide = "decide";

    /// <summary>A read-only page about the assignment.</summary>
    public const string View = "view";
}
