using System.Globalization;

namespace Dispatch.Tables.Internal;

/// <summary>Formats a CLR value as an OData v3 filter literal of its Edm type.</summary>
internal static class ODataLiteral
{
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => Quote(c.ToString()),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        short s => s.ToString(CultureInfo.InvariantCulture),
        byte b => b.ToString(CultureInfo.InvariantCulture),
        long l => string.Concat(l.ToString(CultureInfo.InvariantCulture), "L"),
        double d => FormatDouble(d),
        float f => FormatDouble(f),
        decimal m => FormatDouble((double)m),
        DateTimeOffset dto => string.Concat("datetime'", dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), "'"),
        DateTime dt => string.Concat("datetime'", ToUtc(dt).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), "'"),
        Guid g => string.Concat("guid'", g.ToString("D"), "'"),
        byte[] bytes => string.Concat("X'", Convert.ToHexStringLower(bytes), "'"),
        BinaryData data => string.Concat("X'", Convert.ToHexStringLower(data.ToMemory().Span), "'"),
        Enum e => Quote(e.ToString()),
        Azure.ETag etag => Quote(etag.ToString()),
        IFormattable f => Quote(f.ToString(null, CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string s) => string.Concat("'", s.Replace("'", "''", StringComparison.Ordinal), "'");

    private static DateTime ToUtc(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Local => dt.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        _ => dt,
    };

    private static string FormatDouble(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException($"The filter value {d} cannot be written as an OData literal.", nameof(d));
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);

        // "2" would compare as Int32; a double literal needs its fraction.
        return text.AsSpan().IndexOfAny('.', 'E', 'e') < 0 ? text + ".0" : text;
    }
}
