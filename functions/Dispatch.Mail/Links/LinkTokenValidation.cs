namespace Dispatch.Mail.Links;

/// <summary>The result of <see cref="LinkTokenService.Validate"/>.</summary>
/// <param name="Failure"><see cref="LinkTokenFailure.None"/> when the token is good.</param>
/// <param name="Purpose">The purpose the token was issued for (null when malformed or forged).</param>
/// <param name="SubjectId">What the token acts on (null when malformed or forged).</param>
/// <param name="ExpiresAt">When the token expires (null when malformed or forged).</param>
public sealed record LinkTokenValidation(LinkTokenFailure Failure, string? Purpose, string? SubjectId, DateTimeOffset? ExpiresAt)
{
    /// <summary>Gets whether the token is good for the purpose asked.</summary>
    public bool IsValid => Failure == LinkTokenFailure.None;
}
