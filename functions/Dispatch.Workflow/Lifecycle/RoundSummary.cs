namespace Dispatch.Workflow.Lifecycle;

/// <summary>A round at a glance (<c>GET /api/rounds/{id}/summary</c>).</summary>
public sealed record RoundSummary
{
    /// <summary>Gets the round.</summary>
    public required string RoundId { get; init; }

    /// <summary>Gets the number of assignments by stage code.</summary>
    public IReadOnlyDictionary<string, int> ByStage { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets the number of completed assignments by outcome.</summary>
    public IReadOnlyDictionary<string, int> ByOutcome { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets the check-in answers per month.</summary>
    public IReadOnlyList<MonthCheckIns> CheckIns { get; init; } = [];

    /// <summary>Gets the months flagged below the minimum days in the village.</summary>
    public int LowAttendanceMonths { get; init; }

    /// <summary>Gets the check-ins closed as missed (answered late or never).</summary>
    public int MissedCheckIns { get; init; }

    /// <summary>Gets the assignments whose next action is past due.</summary>
    public int Overdue { get; init; }
}
