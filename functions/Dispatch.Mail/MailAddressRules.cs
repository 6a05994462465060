using System.Net.Mail;

namespace Dispatch.Mail;

/// <summary>Address checks shared by notices, inbound replies and settings.</summary>
internal static class MailAddressRules
{
    /// <summary>True when <paramref name="email"/> is a single bare address with no display name or line breaks.</summary>
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || email.AsSpan().IndexOfAny('\r', '\n') >= 0 || email.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        return MailAddress.TryCreate(email, out var parsed) && string.Equals(parsed.Address, email, StringComparison.Ordinal);
    }

    /// <summary>Normalizes an address for comparison: trimmed, lower case.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
