namespace Dispatch.Mail.Links;

/// <summary>Settings of <see cref="LinkTokenService"/>, from configuration key <c>Dispatch:Keys:TokenSigning</c>.</summary>
public sealed class LinkTokenOptions
{
    /// <summary>The configuration key holding the signing key.</summary>
    public const string ConfigurationKey = "Dispatch:Keys:TokenSigning";

    /// <summary>The shortest signing key accepted, in UTF-8 bytes.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Gets or sets the HMAC-SHA256 signing key: at least 32 bytes of UTF-8; keep it secret (Key Vault).</summary>
    public string SigningKey { get; set; } = string.Empty;
}
