namespace Dispatch.Mail.SendGrid;

/// <summary>One envelope of a SendGrid message: its recipients and per-envelope custom args.</summary>
public sealed class Personalization
{
    /// <summary>Gets the To recipients (at least one).</summary>
    public List<EmailAddress> Tos { get; } = [];

    /// <summary>Gets the Cc recipients.</summary>
    public List<EmailAddress> Ccs { get; } = [];

    /// <summary>Gets the Bcc recipients.</summary>
    public List<EmailAddress> Bccs { get; } = [];

    /// <summary>Gets custom args for this envelope; they override message-level ones.</summary>
    public Dictionary<string, string> CustomArgs { get; } = new(StringComparer.Ordinal);
}
