using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail;

/// <summary>Checks <see cref="MailOptions"/> at start-up, naming each bad setting.</summary>
internal sealed partial class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        if (!MailAddressRules.IsValid(options.FromEmail) || options.FromEmail.Any(c => c > 127))
        {
            failures.Add($"Dispatch:Mail:FromEmail '{options.FromEmail}' must be a plain ASCII address.");
        }

        if (!MailAddressRules.IsValid(options.HrEmail))
        {
            failures.Add($"Dispatch:Mail:HrEmail '{options.HrEmail}' is not an address.");
        }

        if (!string.IsNullOrEmpty(options.ReplyToEmail) && !MailAddressRules.IsValid(options.ReplyToEmail))
        {
            failures.Add($"Dispatch:Mail:ReplyToEmail '{options.ReplyToEmail}' is not an address.");
        }

        if (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(baseUrl.Query))
        {
            failures.Add($"Dispatch:Mail:PublicBaseUrl '{options.PublicBaseUrl}' must be an absolute http(s) URL without a query.");
        }

        if (!string.IsNullOrEmpty(options.ReplyDomain) && !HostName().IsMatch(options.ReplyDomain))
        {
            failures.Add($"Dispatch:Mail:ReplyDomain '{options.ReplyDomain}' is not a host name.");
        }

        if (!string.IsNullOrEmpty(options.InboundSecret) && options.InboundSecret.Length < 16)
        {
            failures.Add("Dispatch:Mail:InboundSecret must be at least 16 characters.");
        }

        if (!string.IsNullOrEmpty(options.InboundBasicAuthUser) && string.IsNullOrEmpty(options.InboundBasicAuthPassword))
        {
            failures.Add("Dispatch:Mail:InboundBasicAuthPassword is required with InboundBasicAuthUser.");
        }

        if (!string.IsNullOrEmpty(options.EventWebhookPublicKey))
        {
            try
            {
                using var key = ECDsa.Create();
                key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(options.EventWebhookPublicKey), out _);
            }
            catch (Exception ex) when (ex is FormatException or CryptographicException)
            {
                failures.Add("Dispatch:Mail:EventWebhookPublicKey is not a base64 P-256 public key (SubjectPublicKeyInfo).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$", RegexOptions.None, 1000)]
    private static partial Regex HostName();
}
