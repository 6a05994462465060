namespace Dispatch.Mail;

/// <summary>
/// A link the email carries. The sender turns it into <c>{PublicBaseUrl}/{Purpose}/{token}</c> with a token
/// from <see cref="Links.LinkTokenService"/> bound to <paramref name="Purpose"/> and <paramref name="SubjectId"/>,
/// so the host validates <c>/checkin/{token}</c>, <c>/handover/{token}</c>, <c>/review/{token}</c> with the same service.
/// </summary>
/// <param name="Name">The name the template refers to, e.g. <c>form</c> (see <see cref="NoticeLinkNames"/>).</param>
/// <param name="Purpose">The purpose the token is bound to and the first path segment (see <see cref="Links.LinkPurposes"/>).</param>
/// <param name="SubjectId">What the link acts on, e.g. the check-in id; the host gets it back from the token.</param>
/// <param name="ExpiresAt">When the token stops working.</param>
public sealed record NoticeLink(string Name, string Purpose, string SubjectId, DateTimeOffset ExpiresAt);
