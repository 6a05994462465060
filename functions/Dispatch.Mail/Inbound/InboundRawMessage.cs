namespace Dispatch.Mail.Inbound;

/// <summary>An inbound post exactly as received (up to the size limit), kept whatever became of it.</summary>
/// <param name="Id">Content hash of the body (hex), so a re-posted message is stored once.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="ContentType">The request Content-Type.</param>
/// <param name="Body">The request body, cut at the size limit when <paramref name="Truncated"/>.</param>
/// <param name="Truncated">Whether the body was larger than the limit.</param>
/// <param name="Outcome">What the handler did, e.g. <c>Accepted</c>, <c>Unreadable</c>, <c>Rejected:SenderMismatch</c>.</param>
/// <param name="NoticeId">The check-in request it answers, when found.</param>
/// <param name="From">The From address, when read.</param>
/// <param name="Subject">The subject, when read.</param>
public sealed record InboundRawMessage(
    string Id,
    DateTimeOffset ReceivedAt,
    string ContentType,
    ReadOnlyMemory<byte> Body,
    bool Truncated,
    string Outcome,
    string? NoticeId,
    string? From,
    string? Subject);
