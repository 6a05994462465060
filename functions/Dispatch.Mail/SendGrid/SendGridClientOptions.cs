using System.ComponentModel.DataAnnotations;

namespace Dispatch.Mail.SendGrid;

/// <summary>SendGrid settings, bound from <c>Dispatch:Mail:SendGrid</c>; the API key belongs in Key Vault.</summary>
public sealed class SendGridClientOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Dispatch:Mail:SendGrid";

    /// <summary>Gets or sets the API key (starts with <c>SG.</c>; needs the Mail Send permission).</summary>
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the API base; <c>https://api.eu.sendgrid.com/</c> for EU subusers.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("https://api.sendgrid.com/");

    /// <summary>Gets or sets whether SendGrid only validates messages (<c>mail_settings.sandbox_mode</c>); nothing is delivered.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Gets or sets the most requests per message, first one included (429 and 5xx are retried).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Gets or sets the first back-off when no rate-limit reset is given; doubled on each retry.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest single wait, also capping a far-off <c>X-RateLimit-Reset</c>.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the categories added to every message (at most 10 in all).</summary>
    public IList<string> Categories { get; } = ["dispatch"];
}
