using Dispatch.Durable.Client;
using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>Everything about one assignment (<c>GET /api/assignments/{id}</c>).</summary>
public sealed record AssignmentDetails
{
    /// <summary>Gets the read model.</summary>
    public required AssignmentRecord Assignment { get; init; }

    /// <summary>Gets the orchestration's custom status (stage and next due action), when it exists.</summary>
    public AssignmentStatus? Status { get; init; }

    /// <summary>Gets the orchestration's runtime status, when it exists.</summary>
    public OrchestrationRuntimeStatus? RuntimeStatus { get; init; }

    /// <summary>Gets the current proposal while selection is open.</summary>
    public ProposalView? Proposal { get; init; }

    /// <summary>Gets the handover or orientation, once opened.</summary>
    public HandoverRecord? Handover { get; init; }

    /// <summary>Gets every check-in, oldest first.</summary>
    public IReadOnlyList<CheckInRecord> CheckIns { get; init; } = [];

    /// <summary>Gets every review, oldest first.</summary>
    public IReadOnlyList<ReviewRecord> Reviews { get; init; } = [];
}
