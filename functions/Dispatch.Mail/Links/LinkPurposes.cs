namespace Dispatch.Mail.Links;

/// <summary>
/// The purposes a link token can be bound to. The purpose is also the first path segment of the link
/// (<c>/checkin/{token}</c>), so a token issued for one page never opens another.
/// </summary>
public static class LinkPurposes
{
    /// <summary>The monthly check-in form; subject = check-in id.</summary>
    public const string CheckIn = "checkin";

    /// <summary>Handover pages (confirm the meeting, submit or accept the list); subject = handover id.</summary>
    public const string Handover = "handover";

    /// <summary>Review forms (self-report, reviewer scores); subject = review task id.</summary>
    public const string Review = "review";

    /// <summary>HR's selection decision page; subject = assignment id.</summary>
    public const string Selection = "selection";

    /// <summary>HR's end-of-term decision page; subject = assignment id.</summary>
    public const string Decision = "decision";

    /// <summary>A read-only assignment page; subject = assignment id.</summary>
    public const string Assignment = "assignment";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="purpose"/> is 1–32 lower-case letters, digits or '-'.</summary>
    public static void Validate(string purpose)
    {
        if (string.IsNullOrEmpty(purpose) || purpose.Length > 32 || !purpose.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw new ArgumentException($"Link purpose '{purpose}' must be 1-32 characters of a-z, 0-9 or '-'.", nameof(purpose));
        }
    }
}
