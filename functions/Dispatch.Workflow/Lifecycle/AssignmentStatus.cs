using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>The orchestration's custom status: the stage and the next due action, readable without history.</summary>
public sealed record AssignmentStatus
{
    /// <summary>Gets the stage.</summary>
    public AssignmentStage Stage { get; init; }

    /// <summary>Gets the next action due, e.g. <c>checkin:2026-08</c> or <c>selection:decide</c>.</summary>
    public string? NextAction { get; init; }

    /// <summary>Gets when the next action is due (or the next step happens by itself).</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>Gets the month of the term (1-based) while in the term.</summary>
    public int Month { get; init; }

    /// <summary>Gets the months in the term.</summary>
    public int MonthsInTerm { get; init; }

    /// <summary>Gets the missed check-ins so far.</summary>
    public int MissedCheckIns { get; init; }

    /// <summary>Gets the months flagged below the minimum days in the village.</summary>
    public int LowAttendanceMonths { get; init; }

    /// <summary>Gets the secretary's cadre id, once selected.</summary>
    public string? CadreId { get; init; }
}
