using System.ComponentModel.DataAnnotations;

namespace Dispatch.Mail;

/// <summary>Email settings, bound from configuration section <c>Dispatch:Mail</c> and validated at start-up.</summary>
public sealed class MailOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dispatch:Mail";

    /// <summary>Gets or sets the transport; <see cref="MailMode.Outbox"/> by default.</summary>
    public MailMode Mode { get; set; } = MailMode.Outbox;

    /// <summary>Gets or sets the sender address (a verified SendGrid sender in SendGrid mode; ASCII only).</summary>
    [Required]
    public string FromEmail { get; set; } = "noreply@dispatch.local";

    /// <summary>Gets or sets the sender display name.</summary>
    [Required]
    public string FromName { get; set; } = "驻村第一书记管理系统";

    /// <summary>Gets or sets the Reply-To of notices that do not read replies; none when empty.</summary>
    public string? ReplyToEmail { get; set; }

    /// <summary>
    /// Gets or sets the domain whose mail SendGrid Inbound Parse posts to us (MX to mx.sendgrid.net); replies to
    /// check-ins go to <c>checkin+{token}@{ReplyDomain}</c>. Empty: check-ins can be answered only by form.
    /// </summary>
    public string? ReplyDomain { get; set; }

    /// <summary>Gets or sets the public base URL of the host, e.g. <c>https://dispatch.example.gov.cn</c>; links are built on it.</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Gets or sets the outbox folder (Outbox mode); relative paths are under the working directory.</summary>
    [Required]
    public string OutboxDirectory { get; set; } = Path.Combine(".data", "outbox");

    /// <summary>Gets or sets the Table Storage table holding notice state.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string NoticeTable { get; set; } = "MailNotices";

    /// <summary>Gets or sets the Table Storage table holding raw inbound messages.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string InboundTable { get; set; } = "MailInbound";

    /// <summary>Gets or sets HR's address, which gets delivery-failure alerts.</summary>
    [Required]
    public string HrEmail { get; set; } = "hr@dispatch.local";

    /// <summary>Gets or sets HR's display name.</summary>
    [Required]
    public string HrName { get; set; } = "县委组织部";

    /// <summary>Gets or sets the largest inbound message accepted, in bytes (default 5 MiB); larger ones are stored truncated and answered.</summary>
    [Range(1024, 30 * 1024 * 1024)]
    public int MaxInboundBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Gets or sets the secret the inbound URL must carry (<c>?secret=</c> or a path segment); empty disables the check.</summary>
    public string? InboundSecret { get; set; }

    /// <summary>Gets or sets the basic-auth user the inbound request must carry; empty disables the check.</summary>
    public string? InboundBasicAuthUser { get; set; }

    /// <summary>Gets or sets the basic-auth password the inbound request must carry.</summary>
    public string? InboundBasicAuthPassword { get; set; }

    /// <summary>Gets or sets the Event Webhook verification key (base64 DER SubjectPublicKeyInfo, P-256) from SendGrid.</summary>
    public string? EventWebhookPublicKey { get; set; }

    /// <summary>Gets or sets how old a signed event timestamp may be, in seconds (default 300).</summary>
    [Range(1, 86_400)]
    public int EventWebhookMaxAgeSeconds { get; set; } = 300;
}
