using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>What the check-in page shows and pre-fills.</summary>
/// <param name="CheckInId">The check-in id.</param>
/// <param name="AssignmentId">The assignment id.</param>
/// <param name="VillageName">The village.</param>
/// <param name="Township">The township.</param>
/// <param name="SecretaryName">The secretary.</param>
/// <param name="Period">The month, <c>yyyy-MM</c>.</param>
/// <param name="Answered">Whether an answer is already recorded (the link is used).</param>
/// <param name="Late">Whether the month has closed (an answer now is recorded as late).</param>
/// <param name="Prefill">Known values to pre-fill, or the recorded answer.</param>
internal sealed record CheckInFormContext(
    string CheckInId,
    string AssignmentId,
    string VillageName,
    string Township,
    string SecretaryName,
    string Period,
    bool Answered,
    bool Late,
    CheckInAnswer? Prefill);
