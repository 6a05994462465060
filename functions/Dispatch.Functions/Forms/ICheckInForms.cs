using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>The workflow side of the check-in page: read a check-in, record its answer.</summary>
internal interface ICheckInForms
{
    /// <summary>Reads the check-in; null when it does not exist.</summary>
    Task<CheckInFormContext?> GetAsync(string checkInId, CancellationToken cancellationToken = default);

    /// <summary>Records the answer (raises it to the assignment); false when an answer was already recorded.</summary>
    Task<bool> SubmitAsync(string checkInId, CheckInAnswer answer, CancellationToken cancellationToken = default);
}
