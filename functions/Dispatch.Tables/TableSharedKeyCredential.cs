namespace Dispatch.Tables;

/// <summary>
/// A storage account name and key, used to sign requests with SharedKeyLite. The key can be rotated in place
/// with <see cref="SetAccountKey"/>; clients built on this credential pick up the new key on their next request.
/// </summary>
public class TableSharedKeyCredential
{
    private byte[] _keyBytes;

    /// <summary>Creates a credential from an account name and its base64 account key.</summary>
    /// <param name="accountName">The storage account name.</param>
    /// <param name="accountKey">The base64-encoded account key.</param>
    public TableSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        AccountName = accountName;
        _keyBytes = DecodeKey(accountKey);
    }

    /// <summary>Gets the storage account name.</summary>
    public string AccountName { get; }

    internal byte[] KeyBytes => Volatile.Read(ref _keyBytes);

    /// <summary>Replaces the account key, e.g. after a key rotation.</summary>
    /// <param name="accountKey">The new base64-encoded account key.</param>
    public void SetAccountKey(string accountKey) => Volatile.Write(ref _keyBytes, DecodeKey(accountKey));

    private static byte[] DecodeKey(string accountKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountKey);
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException ex)
        {
            // The key itself is a secret: name the parameter, never echo the value.
            throw new ArgumentException("The account key is not valid base64.", nameof(accountKey), ex);
        }
    }
}
