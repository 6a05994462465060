namespace Dispatch.Mail.State;

/// <summary>
/// The stored state of one notice, keyed by <see cref="NoticeId"/>. It keeps the notice itself (as JSON) so
/// reply handling and bounce alerts can find the assignment, the recipient and the links later.
/// </summary>
public sealed record NoticeStateEntry
{
    /// <summary>Gets the notice id.</summary>
    public required string NoticeId { get; init; }

    /// <summary>Gets the state.</summary>
    public required NoticeState State { get; init; }

    /// <summary>Gets the notice kind.</summary>
    public required NoticeKind Kind { get; init; }

    /// <summary>Gets the assignment id.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>Gets the first recipient's address.</summary>
    public required string Recipient { get; init; }

    /// <summary>Gets the rendered subject.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>Gets the notice as JSON.</summary>
    public string NoticeJson { get; init; } = string.Empty;

    /// <summary>Gets how many times a sender claimed it.</summary>
    public int Attempts { get; init; }

    /// <summary>Gets when it was last claimed.</summary>
    public DateTimeOffset? ClaimedAt { get; init; }

    /// <summary>Gets when the transport accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Gets the transport's message id (SendGrid X-Message-Id, outbox file name).</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>Gets the last transport error.</summary>
    public string? LastError { get; init; }

    /// <summary>Gets the bounce or drop reason.</summary>
    public string? BounceReason { get; init; }

    /// <summary>Gets the concurrency token of the stored version; null before it is stored.</summary>
    public string? ETag { get; init; }
}
