namespace Dispatch.Mail.SendGrid;

/// <summary>An address with an optional display name, as in SendGrid's <c>{"email","name"}</c>.</summary>
/// <param name="Email">The address.</param>
/// <param name="Name">The display name, or null.</param>
public sealed record EmailAddress(string Email, string? Name = null);
