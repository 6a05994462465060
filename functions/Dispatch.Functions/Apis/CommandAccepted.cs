namespace Dispatch.Functions.Apis;

/// <summary>The body of a 202 answer to an assignment command.</summary>
/// <param name="AssignmentId">The assignment.</param>
/// <param name="Message">What happened.</param>
/// <param name="Late">Whether a check-in answer was recorded as late.</param>
internal sealed record CommandAccepted(string AssignmentId, string Message, bool Late);
