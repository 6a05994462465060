using Dispatch.Durable.Client;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>One assignment in a list, read from the orchestration's business keys.</summary>
public sealed record AssignmentSummary
{
    /// <summary>Gets the assignment id.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>Gets the round.</summary>
    public string? RoundId { get; init; }

    /// <summary>Gets the village.</summary>
    public string? VillageId { get; init; }

    /// <summary>Gets the township.</summary>
    public string? Township { get; init; }

    /// <summary>Gets the stage code.</summary>
    public string? Stage { get; init; }

    /// <summary>Gets the next due action.</summary>
    public string? NextAction { get; init; }

    /// <summary>Gets when it is due.</summary>
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>Gets a value indicating whether the next action is past due.</summary>
    public bool Overdue { get; init; }

    /// <summary>Gets the secretary's cadre id.</summary>
    public string? CadreId { get; init; }

    /// <summary>Gets the orchestration's runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }
}
