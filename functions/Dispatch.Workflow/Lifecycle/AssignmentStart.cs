namespace Dispatch.Workflow.Lifecycle;

/// <summary>How an assignment begins: fresh, or following another (extension, rotation, replacement).</summary>
public sealed record AssignmentStart
{
    /// <summary>Gets the round.</summary>
    public required string RoundId { get; init; }

    /// <summary>Gets the village.</summary>
    public required string VillageId { get; init; }

    /// <summary>Gets the generation in the village's slot (1 = first).</summary>
    public int Generation { get; init; } = 1;

    /// <summary>Gets the cadre a round-wide optimal matching proposed, when it did.</summary>
    public string? ProposedCadreId { get; init; }

    /// <summary>Gets the cadre already chosen (an extension keeps its secretary; selection is skipped).</summary>
    public string? CadreId { get; init; }

    /// <summary>Gets the outgoing assignment (rotation), whose secretary hands over.</summary>
    public string? OutgoingAssignmentId { get; init; }

    /// <summary>Gets the assignment this one extends.</summary>
    public string? ContinuesAssignmentId { get; init; }

    /// <summary>Gets the recalled assignment this one replaces.</summary>
    public string? ReplacesAssignmentId { get; init; }

    /// <summary>Gets the first day of the term when fixed (extensions start where the previous term ends).</summary>
    public DateOnly? TermStart { get; init; }

    /// <summary>Gets the term end when fixed (a replacement serves the rest of the slot's term).</summary>
    public DateOnly? TermEnd { get; init; }
}
