using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Mail.Events;

/// <summary>
/// Verifies SendGrid's Signed Event Webhook: ECDSA P-256 / SHA-256 over <c>UTF8(timestamp) ++ raw body</c>, the
/// DER signature in <c>X-Twilio-Email-Event-Webhook-Signature</c>, the timestamp in <c>…-Timestamp</c>, the key a base64
/// SubjectPublicKeyInfo. Timestamps older (or newer) than the allowed age are refused to limit replays.
/// </summary>
public sealed class EventWebhookVerifier : IDisposable
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The timestamp header.</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _maxAge;

    /// <summary>Creates a verifier; throws <see cref="ArgumentException"/> when the key is not a P-256 public key.</summary>
    public EventWebhookVerifier(string publicKeyBase64, TimeProvider timeProvider, TimeSpan maxAge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyBase64);
        _key = ECDsa.Create();
        try
        {
            _key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKeyBase64), out _);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            _key.Dispose();
            throw new ArgumentException($"The Event Webhook public key is not a base64 SubjectPublicKeyInfo: {ex.Message}", nameof(publicKeyBase64), ex);
        }

        if (_key.KeySize != 256)
        {
            _key.Dispose();
            throw new ArgumentException($"The Event Webhook public key is a {_key.KeySize}-bit key, not P-256.", nameof(publicKeyBase64));
        }

        _timeProvider = timeProvider;
        _maxAge = maxAge;
    }

    /// <summary>True when the signature matches the body and the timestamp is recent.</summary>
    public bool Verify(ReadOnlySpan<byte> body, string? signature, string? timestamp)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp) || timestamp.Length > 20
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = _timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > _maxAge)
        {
            return false;
        }

        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        try
        {
            return _key.VerifyData(data, signatureBytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
