namespace Dispatch.Workflow.Domain;

/// <summary>The read model of one assignment (one secretary's term in one village slot).</summary>
public sealed record AssignmentRecord
{
    /// <summary>Gets the assignment id (also the orchestration instance id).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the round.</summary>
    public required string RoundId { get; init; }

    /// <summary>Gets the village.</summary>
    public required string VillageId { get; init; }

    /// <summary>Gets the village name.</summary>
    public string VillageName { get; init; } = string.Empty;

    /// <summary>Gets the township.</summary>
    public string Township { get; init; } = string.Empty;

    /// <summary>Gets the generation within the slot: 1 first, then replacements, extensions and successors.</summary>
    public int Generation { get; init; } = 1;

    /// <summary>Gets the stage.</summary>
    public AssignmentStage Stage { get; init; }

    /// <summary>Gets how the assignment ended, once it has.</summary>
    public AssignmentOutcome Outcome { get; init; }

    /// <summary>Gets the secretary's cadre id once selected.</summary>
    public string? CadreId { get; init; }

    /// <summary>Gets the secretary's name once selected.</summary>
    public string? CadreName { get; init; }

    /// <summary>Gets the cadre proposed to HR, while selection is open.</summary>
    public string? ProposedCadreId { get; init; }

    /// <summary>Gets HR's note on the selection.</summary>
    public string? SelectionNote { get; init; }

    /// <summary>Gets the reason HR recorded for overriding warnings, when any.</summary>
    public string? OverrideReason { get; init; }

    /// <summary>Gets the warnings that were overridden.</summary>
    public IReadOnlyList<string> OverriddenWarnings { get; init; } = [];

    /// <summary>Gets the outgoing assignment in a rotation, when any.</summary>
    public string? OutgoingAssignmentId { get; init; }

    /// <summary>Gets the outgoing secretary's cadre id, when there is one.</summary>
    public string? OutgoingCadreId { get; init; }

    /// <summary>Gets the assignment this one extends, when it is an extension.</summary>
    public string? ContinuesAssignmentId { get; init; }

    /// <summary>Gets the recalled assignment this one replaces, when it is a replacement.</summary>
    public string? ReplacesAssignmentId { get; init; }

    /// <summary>Gets the assignment that followed this one (extension, successor or replacement).</summary>
    public string? FollowedByAssignmentId { get; init; }

    /// <summary>Gets the term's first day, once appointed.</summary>
    public DateOnly? TermStart { get; init; }

    /// <summary>Gets the term's last day (exclusive), once appointed.</summary>
    public DateOnly? TermEnd { get; init; }

    /// <summary>Gets the day the assignment finished.</summary>
    public DateOnly? EndedOn { get; init; }

    /// <summary>Gets HR's recall reason, when recalled.</summary>
    public string? RecallReason { get; init; }

    /// <summary>Gets HR's note on the after-term decision.</summary>
    public string? DecisionNote { get; init; }

    /// <summary>Gets the next action due, e.g. <c>checkin:2026-08</c>.</summary>
    public string? NextAction { get; init; }

    /// <summary>Gets when the next action is due.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>Gets when the record last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
