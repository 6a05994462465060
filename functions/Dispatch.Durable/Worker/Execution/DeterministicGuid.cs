using System.Security.Cryptography;
using System.Text;

namespace Dispatch.Durable.Worker.Execution;

/// <summary>Name-based UUIDs (RFC 4122 §4.3, version 5, SHA-1), as DurableTask's <c>NewGuid</c>.</summary>
internal static class DeterministicGuid
{
    /// <summary>The namespace DurableTask uses for orchestration GUIDs.</summary>
    public static readonly Guid DurableTaskNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(Guid namespaceId, string name)
    {
        Span<byte> buffer = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, buffer[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(buffer[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
