using Dispatch.Mail;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle.Activities;

internal sealed record PrepareInput(string AssignmentId, AssignmentStart Start, DateOnly Today);

internal sealed record PrepareResult(AssignmentContext Context, LifecycleSettings Settings, ProposalSummary? Proposal);

/// <summary>A proposal as HR sees it in the proposal email and the assignment details.</summary>
internal sealed record ProposalSummary
{
    public string? CadreId { get; init; }
    public string? CadreName { get; init; }
    public string? UnitName { get; init; }
    public int Score { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

internal sealed record ProposeInput(AssignmentContext Context, IReadOnlyList<string> Exclude, int Attempt, DateTimeOffset Now);

internal sealed record ConfirmInput(AssignmentContext Context, string CadreId, string? Note, string? OverrideReason, IReadOnlyList<string> OverriddenWarnings, string? TransferFrom, DateTimeOffset Now);

internal sealed record ConfirmResult(bool Succeeded, string? HeldBy, AssignmentContext Context);

internal sealed record AppointInput(AssignmentContext Context, DateOnly Today, DateOnly? FixedStart, DateOnly? FixedEnd, int TermMonths, bool Extension, DateTimeOffset Now);

internal enum HandoverOp
{
    Open,
    Reschedule,
    Respond,
    RequestList,
    ReviewList,
    Reviewed,
    Remind,
    Escalate,
    Complete,
}

internal sealed record HandoverInput
{
    public required HandoverOp Op { get; init; }
    public required AssignmentContext Context { get; init; }
    public DateTimeOffset Now { get; init; }
    public DateTimeOffset MeetingAt { get; init; }
    public bool Outgoing { get; init; }
    public bool? RemindOutgoing { get; init; }
    public bool Accepted { get; init; }
    public string? Missing { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int Attempt { get; init; }
    public int DaysWaiting { get; init; }
    public string Step { get; init; } = string.Empty;
}

internal enum CheckInOp
{
    Start,
    Remind,
    Escalate,
    Miss,
    FlagLow,
    Record,
}

internal sealed record CheckInInput
{
    public required CheckInOp Op { get; init; }
    public required AssignmentContext Context { get; init; }
    public required string Period { get; init; }
    public DateTimeOffset Now { get; init; }
    public DateTimeOffset ClosesAt { get; init; }
    public string? CheckInId { get; init; }
    public CheckInAnswer? Answer { get; init; }
    public string? Source { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
}

internal sealed record CheckInResult(string CheckInId, CheckInStatus Status, bool LowAttendance, LifecycleSettings? Settings);

internal enum ReviewOp
{
    Open,
    Remind,
    Close,
}

internal sealed record ReviewInput
{
    public required ReviewOp Op { get; init; }
    public required AssignmentContext Context { get; init; }
    public required int Sequence { get; init; }
    public ReviewKind Kind { get; init; }
    public DateTimeOffset Now { get; init; }
    public DateTimeOffset DueAt { get; init; }
    public int AttendanceFailures { get; init; }
    public bool Villagers { get; init; }
}

internal sealed record ReviewResult(IReadOnlyList<ReviewScorer> Missing, Grade? Grade, decimal? Score);

internal sealed record StageInput(AssignmentContext Context, AssignmentStage Stage, string? NextAction, DateTimeOffset? NextDueAt, DateTimeOffset Now, string? DecisionNote = null, string? ProposedCadreId = null);

internal sealed record NotifyInput(NoticeRequest Request);

internal enum FollowUpKind
{
    Extension,
    Successor,
    Replacement,
}

internal sealed record FollowUpInput(AssignmentContext Context, FollowUpKind Kind, int Generation, DateOnly? TermStart, DateOnly? TermEnd);

internal sealed record FinishInput(AssignmentContext Context, AssignmentOutcome Outcome, bool Release, string? FollowedBy, string? Reason, DateTimeOffset Now);
