namespace Dispatch.Mail.State;

/// <summary>Where a notice is on its way out.</summary>
public enum NoticeState
{
    /// <summary>Claimed by a sender; it is being sent, or the sender stopped while sending (in doubt).</summary>
    Pending,

    /// <summary>The transport accepted it.</summary>
    Sent,

    /// <summary>The transport refused it or was unavailable, so it was not sent; a retry may claim it again.</summary>
    Failed,

    /// <summary>Sent, then bounced or dropped (from the Event Webhook).</summary>
    Bounced,
}
