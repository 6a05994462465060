namespace Dispatch.Mail.Inbound;

/// <summary>What became of an inbound reply. Answer SendGrid 200 in every case: the message is stored.</summary>
public enum InboundStatus
{
    /// <summary>A complete, valid check-in answer: raise it to the assignment.</summary>
    Accepted,

    /// <summary>The check-in was found and the sender matched, but not every answer could be read (or the message was too large); the sender was asked to use the form.</summary>
    Unreadable,

    /// <summary>Not a reply we can attribute: see <see cref="InboundRejection"/>.</summary>
    Rejected,
}
