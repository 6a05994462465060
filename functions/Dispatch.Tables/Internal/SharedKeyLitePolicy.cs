using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Signs every attempt (it sits after the retry policy) with SharedKeyLite:
/// <c>HMAC-SHA256(key, x-ms-date + "\n" + "/" + account + path [+ "?comp=" + value])</c>.
/// </summary>
internal sealed class SharedKeyLitePolicy(TableSharedKeyCredential credential) : HttpPipelineSynchronousPolicy
{
    private static DateCache _date = new(0, string.Empty);

    public override void OnSendingRequest(HttpMessage message)
    {
        var date = CurrentDate();
        message.Request.Headers.SetValue("x-ms-date", date);
        var uri = message.Request.Uri;
        var signature = Sign(credential.KeyBytes, date, credential.AccountName, uri.Path, CompValue(uri.Query));
        message.Request.Headers.SetValue("Authorization", string.Concat("SharedKeyLite ", credential.AccountName, ":", signature));
    }

    /// <summary>Computes the base64 signature of the Table SharedKeyLite string-to-sign.</summary>
    internal static string Sign(byte[] key, string date, string accountName, string path, string? comp)
    {
        // date \n /account path [?comp=x]; every part is ASCII or already percent-encoded.
        var length = date.Length + 2 + accountName.Length + path.Length + (comp is null ? 0 : comp.Length + 6);
        var rented = length <= 512 ? null : ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(length));
        Span<byte> buffer = rented is null ? stackalloc byte[1539] : rented;
        try
        {
            var n = Encoding.UTF8.GetBytes(date, buffer);
            buffer[n++] = (byte)'\n';
            buffer[n++] = (byte)'/';
            n += Encoding.UTF8.GetBytes(accountName, buffer[n..]);
            n += Encoding.UTF8.GetBytes(path, buffer[n..]);
            if (comp is not null)
            {
                n += Encoding.UTF8.GetBytes("?comp=", buffer[n..]);
                n += Encoding.UTF8.GetBytes(comp, buffer[n..]);
            }

            Span<byte> hash = stackalloc byte[32];
            HMACSHA256.HashData(key, buffer[..n], hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Returns the RFC 1123 date, formatted once per second rather than per request.</summary>
    internal static string CurrentDate()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.UtcTicks / TimeSpan.TicksPerSecond;
        var cached = Volatile.Read(ref _date);
        if (cached.Second == second)
        {
            return cached.Text;
        }

        var text = now.ToString("r", CultureInfo.InvariantCulture);
        Volatile.Write(ref _date, new DateCache(second, text));
        return text;
    }

    private static string? CompValue(string query)
    {
        if (query.Length == 0)
        {
            return null;
        }

        var q = query.AsSpan().TrimStart('?');
        while (!q.IsEmpty)
        {
            var amp = q.IndexOf('&');
            var pair = amp < 0 ? q : q[..amp];
            if (pair.StartsWith("comp=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[5..].ToString());
            }

            q = amp < 0 ? [] : q[(amp + 1)..];
        }

        return null;
    }

    private sealed record DateCache(long Second, string Text);
}
