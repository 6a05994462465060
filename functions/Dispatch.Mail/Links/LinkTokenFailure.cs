namespace Dispatch.Mail.Links;

/// <summary>Why a link token was refused.</summary>
public enum LinkTokenFailure
{
    /// <summary>The token is valid.</summary>
    None,

    /// <summary>Not a token at all: wrong shape, bad base64url, unknown version.</summary>
    Malformed,

    /// <summary>Well formed but not signed with our key (forged or altered).</summary>
    BadSignature,

    /// <summary>Genuine, but past its expiry time.</summary>
    Expired,

    /// <summary>Genuine, but issued for another page.</summary>
    WrongPurpose,
}
