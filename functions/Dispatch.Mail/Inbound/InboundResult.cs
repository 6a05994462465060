namespace Dispatch.Mail.Inbound;

/// <summary>The outcome of <see cref="InboundParseHandler.HandleAsync(Stream, string?, CancellationToken)"/>.</summary>
public sealed record InboundResult
{
    /// <summary>Gets the status.</summary>
    public required InboundStatus Status { get; init; }

    /// <summary>Gets why it was rejected, when it was.</summary>
    public InboundRejection Rejection { get; init; }

    /// <summary>Gets the stored raw message id.</summary>
    public required string RawMessageId { get; init; }

    /// <summary>Gets the check-in request notice answered, when found.</summary>
    public string? NoticeId { get; init; }

    /// <summary>Gets the assignment, when found.</summary>
    public string? AssignmentId { get; init; }

    /// <summary>Gets the period of the request answered (e.g. <c>2026-03</c>), when found.</summary>
    public string? Period { get; init; }

    /// <summary>Gets the check-in id (<see cref="Notice.ReplySubjectId"/>) the answer belongs to, when found.</summary>
    public string? SubjectId { get; init; }

    /// <summary>Gets the sender's address as read from From.</summary>
    public string? From { get; init; }

    /// <summary>Gets the answer when <see cref="Status"/> is <see cref="InboundStatus.Accepted"/>.</summary>
    public CheckInAnswer? Answer { get; init; }

    /// <summary>Gets the values that were read (field → text), to pre-fill the form.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets what could not be read: field → reason (or <c>message</c> → reason).</summary>
    public IReadOnlyDictionary<string, string> Problems { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets whether the sender was sent the "please use the form" acknowledgement.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Gets the attachments' file names (attachments are stored with the raw message, not read).</summary>
    public IReadOnlyList<string> Attachments { get; init; } = [];
}
