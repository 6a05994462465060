using Dispatch.Mail;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>What the orchestration asks to be told to whom; the composer turns it into notices with recipients and links.</summary>
internal sealed record NoticeRequest
{
    public required NoticeKind Kind { get; init; }
    public required AssignmentContext Context { get; init; }
    public string Period { get; init; } = string.Empty;
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public DateTimeOffset LinkExpiresAt { get; init; }

    /// <summary>The check-in the form link and reply address point at.</summary>
    public string? CheckInId { get; init; }

    /// <summary>The review and its participants still to be asked or reminded.</summary>
    public string? ReviewId { get; init; }

    public IReadOnlyList<ReviewScorer> Participants { get; init; } = [];

    /// <summary>For handover notices: which secretary (true = outgoing, false = incoming, null = both as the kind implies).</summary>
    public bool? Outgoing { get; init; }

    public CalendarEvent? Meeting { get; init; }
}
