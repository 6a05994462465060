using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Functions.Forms;

/// <summary>The workflow side of the handover page.</summary>
internal interface IHandoverForms
{
    /// <summary>Reads the handover for the link subject <c>{assignmentId}|{party}</c>; null when there is none.</summary>
    Task<HandoverFormContext?> GetAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Confirms the meeting, or asks for <paramref name="proposedAt"/> instead.</summary>
    Task<CommandResult> RespondAsync(string subject, bool accept, DateTimeOffset? proposedAt, CancellationToken cancellationToken = default);

    /// <summary>Submits the outgoing secretary's list.</summary>
    Task<CommandResult> SubmitListAsync(string subject, HandoverList list, CancellationToken cancellationToken = default);

    /// <summary>Records the incoming secretary's acceptance, or what is missing.</summary>
    Task<CommandResult> ReviewListAsync(string subject, bool accepted, string? missing, CancellationToken cancellationToken = default);
}
