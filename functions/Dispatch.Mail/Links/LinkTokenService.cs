using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Links;

/// <summary>
/// Issues and checks the tokens in email links: <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload))</c>
/// with payload <c>v1 \n purpose \n expiry (unix seconds) \n subject id</c>. A token is bound to one purpose and
/// expires; the signature makes it unforgeable. Replay within the expiry (a used check-in link) is the host's check.
/// Also issues the short, case-insensitive reply tokens used in <c>checkin+{token}@reply-domain</c> addresses.
/// </summary>
public sealed class LinkTokenService
{
    private const string Version = "v1";
    private const int ReplyTagBytes = 5;
    private readonly byte[] _key;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the service from options; throws <see cref="ArgumentException"/> when the key is shorter than 32 bytes.</summary>
    public LinkTokenService(IOptions<LinkTokenOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var key = options.Value.SigningKey ?? string.Empty;
        if (Encoding.UTF8.GetByteCount(key) < LinkTokenOptions.MinimumKeyBytes)
        {
            throw new ArgumentException($"{LinkTokenOptions.ConfigurationKey} must hold at least {LinkTokenOptions.MinimumKeyBytes} bytes.", nameof(options));
        }

        _key = Encoding.UTF8.GetBytes(key);
        _timeProvider = timeProvider;
    }

    /// <summary>Issues a token for <paramref name="purpose"/> acting on <paramref name="subjectId"/> until <paramref name="expiresAt"/>.</summary>
    public string Issue(string purpose, string subjectId, DateTimeOffset expiresAt)
    {
        LinkPurposes.Validate(purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(subjectId);
        if (subjectId.Length > 256 || subjectId.Any(char.IsControl))
        {
            throw new ArgumentException($"Subject id '{subjectId}' is longer than 256 characters or holds control characters.", nameof(subjectId));
        }

        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Version}\n{purpose}\n{expiresAt.ToUnixTimeSeconds()}\n{subjectId}"));
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, mac);
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(mac);
    }

    /// <summary>Checks <paramref name="token"/> for <paramref name="purpose"/>: malformed, forged, wrong purpose and expired are told apart.</summary>
    public LinkTokenValidation Validate(string? token, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var malformed = new LinkTokenValidation(LinkTokenFailure.Malformed, null, null, null);
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return malformed;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.') || dot == token.Length - 1)
        {
            return malformed;
        }

        byte[] payload;
        byte[] mac;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            mac = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return malformed;
        }

        string[] parts;
        try
        {
            parts = new UTF8Encoding(false, true).GetString(payload).Split('\n', 4);
        }
        catch (DecoderFallbackException)
        {
            return malformed;
        }

        if (mac.Length != 32 || parts.Length != 4 || parts[0] != Version
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix)
            || expiresUnix > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return malformed;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(_key, payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, mac))
        {
            return new LinkTokenValidation(LinkTokenFailure.BadSignature, null, null, null);
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expiresUnix);
        if (!string.Equals(parts[1], purpose, StringComparison.Ordinal))
        {
            return new LinkTokenValidation(LinkTokenFailure.WrongPurpose, parts[1], parts[3], expiresAt);
        }

        return _timeProvider.GetUtcNow() >= expiresAt
            ? new LinkTokenValidation(LinkTokenFailure.Expired, parts[1], parts[3], expiresAt)
            : new LinkTokenValidation(LinkTokenFailure.None, parts[1], parts[3], expiresAt);
    }

    /// <summary>
    /// Issues the reply token for a notice: its id and a 40-bit tag, lower-case hex, 43 characters, so
    /// <c>checkin+{token}</c> fits an email local part and survives mail systems that change letter case.
    /// Reply tokens do not expire: a late answer is still recorded as late.
    /// </summary>
    public string IssueReplyToken(string noticeId)
    {
        if (noticeId is not { Length: 32 } || !noticeId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Notice id '{noticeId}' is not 32 lower-case hex digits.", nameof(noticeId));
        }

        return noticeId + "-" + ReplyTag(noticeId);
    }

    /// <summary>Returns the notice id inside a reply token, or null when the token is malformed or forged.</summary>
    public string? ValidateReplyToken(string? token)
    {
        if (token is not { Length: 32 + 1 + (2 * ReplyTagBytes) } || token[32] != '-')
        {
            return null;
        }

        var lower = token.ToLowerInvariant();
        var noticeId = lower[..32];
        if (!noticeId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var tag = ReplyTag(noticeId);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(tag), Encoding.ASCII.GetBytes(lower[33..])) ? noticeId : null;
    }

    private string ReplyTag(string noticeId)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes("reply\n" + noticeId), mac);
        return Convert.ToHexStringLower(mac[..ReplyTagBytes]);
    }
}
