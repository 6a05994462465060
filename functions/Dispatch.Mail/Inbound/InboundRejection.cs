namespace Dispatch.Mail.Inbound;

/// <summary>Why an inbound reply was rejected.</summary>
public enum InboundRejection
{
    /// <summary>Not rejected.</summary>
    None,

    /// <summary>The post is not a readable Inbound Parse request.</summary>
    Malformed,

    /// <summary>No valid reply token in the recipient addresses or the subject, or no such check-in request.</summary>
    UnknownCheckIn,

    /// <summary>The From address is neither the secretary nor a listed delegate.</summary>
    SenderMismatch,
}
