using Dispatch.Mail;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// The one external event an assignment orchestration listens to (<see cref="EventName"/>): a single
/// mailbox, so every wait also hears a recall or a late answer, whatever it was waiting for.
/// </summary>
internal sealed record LifecycleSignal
{
    public const string EventName = "signal";

    public required SignalKind Kind { get; init; }
    public string? CadreId { get; init; }
    public string? Note { get; init; }
    public string? OverrideReason { get; init; }
    public IReadOnlyList<string>? OverriddenWarnings { get; init; }
    public string? CheckInId { get; init; }
    public CheckInAnswer? Answer { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? At { get; init; }
    public bool LowAttendance { get; init; }
    public bool Outgoing { get; init; }
    public bool Accepted { get; init; }
    public DateTimeOffset? ProposedAt { get; init; }
    public string? Missing { get; init; }
    public int ReviewSequence { get; init; }
    public ReviewScorer Scorer { get; init; }
    public TermDecision Decision { get; init; }
    public string? Reason { get; init; }
}
