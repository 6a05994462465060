namespace Dispatch.Mail;

/// <summary>One person or office a notice goes to.</summary>
/// <param name="Name">Display name, e.g. 张伟 or 台盘乡党委; no <c>;</c> or <c>,</c> (SendGrid rejects them in names).</param>
/// <param name="Email">The address.</param>
/// <param name="Role">Who the recipient is in the assignment.</param>
public sealed record NoticeRecipient(string Name, string Email, RecipientRole Role)
{
    /// <summary>Throws <see cref="ArgumentException"/> when the name or address cannot be sent.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.IndexOfAny([';', ',', '\r', '\n']) >= 0)
        {
            throw new ArgumentException($"Recipient name '{Name}' is empty or holds ';', ',' or a line break.", nameof(Name));
        }

        if (!MailAddressRules.IsValid(Email))
        {
            throw new ArgumentException($"Recipient email '{Email}' is not a valid address.", nameof(Email));
        }
    }
}
