namespace Dispatch.Workflow.Lifecycle;

/// <summary>Who and what an assignment is about, carried in the orchestration state so notices need no lookups.</summary>
internal sealed record AssignmentContext
{
    public required string AssignmentId { get; init; }
    public required string RoundId { get; init; }
    public string RoundName { get; init; } = string.Empty;
    public required string VillageId { get; init; }
    public string VillageName { get; init; } = string.Empty;
    public string Township { get; init; } = string.Empty;
    public string? CadreId { get; init; }
    public string? CadreName { get; init; }
    public string? CadreEmail { get; init; }
    public string? UnitId { get; init; }
    public string? UnitName { get; init; }
    public string? OutgoingAssignmentId { get; init; }
    public string? OutgoingCadreId { get; init; }
    public string? OutgoingCadreName { get; init; }
    public string? OutgoingCadreEmail { get; init; }
    public DateOnly RoundStartsOn { get; init; }
    public DateOnly? TermStart { get; init; }
    public DateOnly? TermEnd { get; init; }
}
