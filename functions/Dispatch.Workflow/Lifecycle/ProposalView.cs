namespace Dispatch.Workflow.Lifecycle;

/// <summary>A proposed cadre for HR: the score with its reasons and the warnings an override must address.</summary>
public sealed record ProposalView
{
    /// <summary>Gets the cadre, or null when nobody eligible is free.</summary>
    public string? CadreId { get; init; }

    /// <summary>Gets the cadre's name.</summary>
    public string? CadreName { get; init; }

    /// <summary>Gets the dispatching unit's name.</summary>
    public string? UnitName { get; init; }

    /// <summary>Gets the total score.</summary>
    public int Score { get; init; }

    /// <summary>Gets one line per score criterion, with its points and reason.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>Gets the warnings (code: explanation).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
