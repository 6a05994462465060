namespace Dispatch.Mail;

/// <summary>How notices leave the system (<c>Dispatch:Mail:Mode</c>).</summary>
public enum MailMode
{
    /// <summary>Write <c>.eml</c> files to a local folder; the default for development and tests.</summary>
    Outbox,

    /// <summary>Send through the SendGrid v3 Mail Send API.</summary>
    SendGrid,
}
