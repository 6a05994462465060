using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// Checks that an Inbound Parse post carries the configured URL secret and/or basic-auth credentials
/// (configure the Parse URL as <c>https://user:pass@host/api/inbound/sendgrid?secret=…</c>). Constant-time compares.
/// The host calls it before <see cref="InboundParseHandler"/> and answers 401 when it fails.
/// </summary>
public sealed class InboundRequestAuthorizer(IOptions<MailOptions> options)
{
    /// <summary>Returns true when the request may be handled.</summary>
    /// <param name="urlSecret">The <c>secret</c> query value or path segment, if any.</param>
    /// <param name="authorizationHeader">The Authorization header, if any.</param>
    public bool IsAuthorized(string? urlSecret, string? authorizationHeader)
    {
        var o = options.Value;
        var secretRequired = !string.IsNullOrEmpty(o.InboundSecret);
        var basicRequired = !string.IsNullOrEmpty(o.InboundBasicAuthUser);
        if (!secretRequired && !basicRequired)
        {
            return false;
        }

        if (secretRequired && !FixedEquals(urlSecret, o.InboundSecret!))
        {
            return false;
        }

        if (basicRequired)
        {
            if (authorizationHeader is null || !authorizationHeader.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            string decoded;
            try
            {
                decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorizationHeader[6..].Trim()));
            }
            catch (FormatException)
            {
                return false;
            }

            return FixedEquals(decoded, o.InboundBasicAuthUser + ":" + (o.InboundBasicAuthPassword ?? string.Empty));
        }

        return true;
    }

    private static bool FixedEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
