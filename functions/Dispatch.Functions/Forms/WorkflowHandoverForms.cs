using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Functions.Forms;

/// <summary>The handover page over the workflow's <see cref="AssignmentService"/>.</summary>
internal sealed class WorkflowHandoverForms(AssignmentService assignments, TimeProvider time) : IHandoverForms
{
    /// <inheritdoc />
    public async Task<HandoverFormContext?> GetAsync(string subject, CancellationToken cancellationToken = default)
    {
        var bar = subject.LastIndexOf('|');
        if (bar <= 0 || !Enum.TryParse<HandoverParty>(subject[(bar + 1)..], ignoreCase: true, out var party) || !Enum.IsDefined(party)
            || await assignments.GetHandoverAsync(subject, cancellationToken) is not { } handover)
        {
            return null;
        }

        var assignment = (await assignments.GetAssignmentAsync(handover.AssignmentId, cancellationToken))?.Assignment;
        var outgoing = handover.OutgoingCadreId is null ? null : await assignments.GetCadreAsync(handover.OutgoingCadreId, cancellationToken);
        return new HandoverFormContext(
            subject,
            handover.AssignmentId,
            party,
            assignment?.VillageName ?? string.Empty,
            assignment?.Township ?? string.Empty,
            assignment?.CadreName ?? string.Empty,
            handover.IsOrientation ? null : outgoing?.Name ?? handover.OutgoingCadreId,
            handover.MeetingAt,
            handover.Location,
            party switch
            {
                HandoverParty.Outgoing => handover.OutgoingConfirmed,
                HandoverParty.Incoming => handover.IncomingConfirmed,
                _ => false,
            },
            MeetingPassed: handover.MeetingAt <= time.GetUtcNow(),
            ListRequested: handover.ListRequestedAt is not null,
            handover.List,
            handover.ReturnedList,
            handover.Missing,
            Completed: handover.CompletedAt is not null);
    }

    /// <inheritdoc />
    public Task<CommandResult> RespondAsync(string subject, bool accept, DateTimeOffset? proposedAt, CancellationToken cancellationToken = default) =>
        assignments.RespondToMeetingAsync(subject, accept, proposedAt, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> SubmitListAsync(string subject, HandoverList list, CancellationToken cancellationToken = default) =>
        assignments.SubmitHandoverListAsync(subject, list, cancellationToken);

    /// <inheritdoc />
    public Task<CommandResult> ReviewListAsync(string subject, bool accepted, string? missing, CancellationToken cancellationToken = default) =>
        assignments.ReviewHandoverListAsync(subject, accepted, missing, cancellationToken);
}
