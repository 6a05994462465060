using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>The orchestration's input, carried from execution to execution by ContinueAsNew.</summary>
internal sealed record LifecycleState
{
    public required AssignmentStart Start { get; init; }
    public LifecyclePhase Phase { get; init; } = LifecyclePhase.Start;
    public AssignmentContext? Context { get; init; }
    public LifecycleSettings Settings { get; init; } = new();
    public int Month { get; init; } = 1;
    public int MonthsInTerm { get; init; }
    public int MissedCheckIns { get; init; }
    public int LowAttendanceMonths { get; init; }
    public int AbsencesSinceReview { get; init; }
    public int Reviews { get; init; }
    public Grade? LastGrade { get; init; }
    public bool SuccessorHandoverDone { get; init; }
    public string? SuccessorAssignmentId { get; init; }
}
