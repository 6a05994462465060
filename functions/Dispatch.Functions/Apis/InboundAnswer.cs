namespace Dispatch.Functions.Apis;

/// <summary>The body of the Inbound Parse answer.</summary>
/// <param name="Status"><c>Accepted</c>, <c>Unreadable</c> or <c>Rejected</c>.</param>
/// <param name="RawMessageId">Where the raw message was stored.</param>
/// <param name="Recorded">Whether an answer was recorded on the assignment.</param>
internal sealed record InboundAnswer(string Status, string RawMessageId, bool Recorded);
