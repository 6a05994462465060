using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Functions.Forms;

/// <summary>The check-in page over the workflow's <see cref="AssignmentService"/>.</summary>
internal sealed class WorkflowCheckInForms(AssignmentService assignments) : ICheckInForms
{
    /// <inheritdoc />
    public async Task<CheckInFormContext?> GetAsync(string checkInId, CancellationToken cancellationToken = default)
    {
        var checkIn = await assignments.GetCheckInAsync(checkInId, cancellationToken);
        if (checkIn is null)
        {
            return null;
        }

        // The page shows only the record's names, so the full details (instance, every check-in, reviews) are not read.
        var assignment = await assignments.GetAssignmentRecordAsync(checkIn.AssignmentId, cancellationToken);
        return new CheckInFormContext(
            checkIn.Id,
            checkIn.AssignmentId,
            assignment?.VillageName ?? string.Empty,
            assignment?.Township ?? string.Empty,
            assignment?.CadreName ?? string.Empty,
            checkIn.Period,
            Answered: checkIn.Answer is not null || checkIn.Status is CheckInStatus.Answered or CheckInStatus.AnsweredLate || assignments.IsCheckInAnswerPending(checkIn.Id),
            Late: checkIn.Status == CheckInStatus.Missed,
            checkIn.Answer);
    }

    /// <inheritdoc />
    public async Task<bool> SubmitAsync(string checkInId, CheckInAnswer answer, CancellationToken cancellationToken = default)
    {
        var result = await assignments.SubmitCheckInAsync(checkInId, answer, "form", cancellationToken);
        return result.Status switch
        {
            CommandStatus.Accepted => true,
            CommandStatus.Invalid => throw new ValidationFailedException(result.Errors),
            _ => false,
        };
    }
}
