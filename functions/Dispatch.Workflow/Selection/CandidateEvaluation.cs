namespace Dispatch.Workflow.Selection;

/// <summary>How one cadre fits one village: hard-rule failures, warnings and the score with its reasons.</summary>
public sealed record CandidateEvaluation
{
    /// <summary>Gets the cadre evaluated.</summary>
    public required string CadreId { get; init; }

    /// <summary>Gets the village evaluated.</summary>
    public required string VillageId { get; init; }

    /// <summary>Gets the hard rules broken; any makes the cadre ineligible for this village.</summary>
    public IReadOnlyList<SelectionIssue> Failures { get; init; } = [];

    /// <summary>Gets the warnings HR may override with a recorded reason.</summary>
    public IReadOnlyList<SelectionIssue> Warnings { get; init; } = [];

    /// <summary>Gets the score parts, warnings' penalty included.</summary>
    public IReadOnlyList<ScorePart> Parts { get; init; } = [];

    /// <summary>Gets a value indicating whether no hard rule is broken.</summary>
    public bool Eligible => Failures.Count == 0;

    /// <summary>Gets the total score (sum of <see cref="Parts"/>), the matcher's weight.</summary>
    public int Score => Parts.Sum(p => p.Points);
}
