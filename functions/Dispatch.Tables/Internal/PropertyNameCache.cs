using System.Text;
using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Reuses property-name strings across the entities of one response, so a 1,000-row page allocates each
/// name once instead of once per row. Rows usually list properties in the same order, so the next expected
/// name is tried first.
/// </summary>
internal sealed class PropertyNameCache
{
    private const int MaxEntries = 300;
    private readonly List<(byte[] Utf8, string Name)> _entries = [];
    private int _next;

    /// <summary>Returns the name of the current property token (or of the given raw UTF-8 name slice).</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        var entries = _entries;
        if (_next < entries.Count && utf8.SequenceEqual(entries[_next].Utf8))
        {
            return entries[_next++].Name;
        }

        for (var i = 0; i < entries.Count; i++)
        {
            if (utf8.SequenceEqual(entries[i].Utf8))
            {
                _next = i + 1;
                return entries[i].Name;
            }
        }

        var name = Encoding.UTF8.GetString(utf8);
        if (entries.Count < MaxEntries)
        {
            entries.Add((utf8.ToArray(), name));
            _next = entries.Count;
        }

        return name;
    }

    /// <summary>Returns the current property name of <paramref name="reader"/>.</summary>
    public string Get(ref Utf8JsonReader reader) =>
        reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : Get(reader.ValueSpan);
}
