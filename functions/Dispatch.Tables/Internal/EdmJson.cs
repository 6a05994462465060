using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Writes and reads property values in OData v3 "light" JSON with Edm typing: Int64, Double, DateTime,
/// Guid and Binary carry a <c>Name@odata.type</c> annotation; String, Int32 and Boolean are inferred.
/// The generic methods are specialised by the JIT per value type, so POCO values are never boxed.
/// </summary>
internal static class EdmJson
{
    public const string AnnotationSuffix = "@odata.type";

    public static readonly JsonEncodedText EdmInt64 = JsonEncodedText.Encode("Edm.Int64");
    public static readonly JsonEncodedText EdmDouble = JsonEncodedText.Encode("Edm.Double");
    public static readonly JsonEncodedText EdmDateTime = JsonEncodedText.Encode("Edm.DateTime");
    public static readonly JsonEncodedText EdmGuid = JsonEncodedText.Encode("Edm.Guid");
    public static readonly JsonEncodedText EdmBinary = JsonEncodedText.Encode("Edm.Binary");

    private static readonly DateTime MinDateTime = new(1601, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static EdmKind KindOf(Type type)
    {
        if (type == typeof(string))
        {
            return EdmKind.String;
        }

        if (type == typeof(int))
        {
            return EdmKind.Int32;
        }

        if (type == typeof(long))
        {
            return EdmKind.Int64;
        }

        if (type == typeof(double))
        {
            return EdmKind.Double;
        }

        if (type == typeof(bool))
        {
            return EdmKind.Boolean;
        }

        if (type == typeof(DateTime))
        {
            return EdmKind.DateTime;
        }

        if (type == typeof(DateTimeOffset))
        {
            return EdmKind.DateTimeOffset;
        }

        if (type == typeof(Guid))
        {
            return EdmKind.Guid;
        }

        if (type == typeof(byte[]))
        {
            return EdmKind.Binary;
        }

        if (type == typeof(BinaryData))
        {
            return EdmKind.BinaryData;
        }

        return type.IsEnum ? EdmKind.Enum : EdmKind.Unsupported;
    }

    /// <summary>The annotation a kind needs on the wire, or default when the type is inferred.</summary>
    public static JsonEncodedText? AnnotationOf(EdmKind kind) => kind switch
    {
        EdmKind.Int64 => EdmInt64,
        EdmKind.Double => EdmDouble,
        EdmKind.DateTime or EdmKind.DateTimeOffset => EdmDateTime,
        EdmKind.Guid => EdmGuid,
        EdmKind.Binary or EdmKind.BinaryData => EdmBinary,
        _ => null,
    };

    /// <summary>
    /// True for default(DateTime) and default(DateTimeOffset): year 1 is outside Edm.DateTime, and a POCO's unset
    /// date reads back as the same default when it is simply not stored.
    /// </summary>
    public static bool IsUnsetDate<TValue>(TValue value) =>
        (typeof(TValue) == typeof(DateTime) && Unsafe.As<TValue, DateTime>(ref value) == default)
        || (typeof(TValue) == typeof(DateTimeOffset) && Unsafe.As<TValue, DateTimeOffset>(ref value) == default);

    /// <summary>Writes one non-null value, after its name (and annotation) has been written; returns its size in bytes as the service counts it.</summary>
    public static long WriteValue<TValue>(Utf8JsonWriter writer, EdmKind kind, TValue value, string name)
    {
        if (typeof(TValue) == typeof(int))
        {
            writer.WriteNumberValue(Unsafe.As<TValue, int>(ref value));
            return 4;
        }

        if (typeof(TValue) == typeof(long))
        {
            WriteInt64(writer, Unsafe.As<TValue, long>(ref value));
            return 8;
        }

        if (typeof(TValue) == typeof(double))
        {
            WriteDouble(writer, Unsafe.As<TValue, double>(ref value));
            return 8;
        }

        if (typeof(TValue) == typeof(bool))
        {
            writer.WriteBooleanValue(Unsafe.As<TValue, bool>(ref value));
            return 1;
        }

        if (typeof(TValue) == typeof(DateTime))
        {
            WriteDateTime(writer, Unsafe.As<TValue, DateTime>(ref value), name);
            return 8;
        }

        if (typeof(TValue) == typeof(DateTimeOffset))
        {
            WriteDateTime(writer, Unsafe.As<TValue, DateTimeOffset>(ref value).UtcDateTime, name);
            return 8;
        }

        if (typeof(TValue) == typeof(Guid))
        {
            WriteGuid(writer, Unsafe.As<TValue, Guid>(ref value));
            return 16;
        }

        return kind switch
        {
            EdmKind.String => WriteString(writer, (string)(object)value!, name),
            EdmKind.Binary => WriteBinary(writer, (byte[])(object)value!, name),
            EdmKind.BinaryData => WriteBinary(writer, ((BinaryData)(object)value!).ToMemory().Span, name),
            EdmKind.Enum => WriteString(writer, value!.ToString()!, name),
            _ => throw new NotSupportedException($"Property '{name}' has type {typeof(TValue)}, which has no Edm type."),
        };
    }

    public static long WriteString(Utf8JsonWriter writer, string value, string name)
    {
        if (value.Length > TableValidation.MaxStringLength)
        {
            throw new ArgumentException($"Property '{TableValidation.Display(name)}' is a string of {value.Length:N0} characters; the service stores at most {TableValidation.MaxStringLength:N0} (64 KiB as UTF-16).", "entity");
        }

        writer.WriteStringValue(value);
        return 4 + (2L * value.Length);
    }

    public static long WriteBinary(Utf8JsonWriter writer, ReadOnlySpan<byte> value, string name)
    {
        if (value.Length > TableValidation.MaxBinaryLength)
        {
            throw new ArgumentException($"Property '{TableValidation.Display(name)}' is {value.Length:N0} bytes of binary; the service stores at most {TableValidation.MaxBinaryLength:N0} (64 KiB).", "entity");
        }

        writer.WriteBase64StringValue(value);
        return 4 + value.Length;
    }

    public static void WriteInt64(Utf8JsonWriter writer, long value)
    {
        Span<byte> buffer = stackalloc byte[24];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }

    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteStringValue(double.IsNaN(value) ? "NaN"u8 : value > 0 ? "Infinity"u8 : "-Infinity"u8);
        }
    }

    public static void WriteDateTime(Utf8JsonWriter writer, DateTime value, string name)
    {
        // Unspecified is taken as UTC: the machine's time zone must not change what is stored.
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        if (utc < MinDateTime)
        {
            throw new ArgumentException($"Property '{TableValidation.Display(name)}' is {utc:O}; Edm.DateTime starts at 1601-01-01.", "entity");
        }

        Span<byte> buffer = stackalloc byte[40];
        utc.TryFormat(buffer, out var written, "O", CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    public static void WriteGuid(Utf8JsonWriter writer, Guid value)
    {
        Span<byte> buffer = stackalloc byte[36];
        Utf8Formatter.TryFormat(value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }

    /// <summary>Reads the current value token into <typeparamref name="TValue"/>, whatever JSON shape its Edm type used.</summary>
    public static TValue ReadValue<TValue>(ref Utf8JsonReader reader, EdmKind kind, string name)
    {
        try
        {
            if (typeof(TValue) == typeof(int))
            {
                var v = reader.TokenType == JsonTokenType.String ? int.Parse(reader.GetString()!, CultureInfo.InvariantCulture) : reader.GetInt32();
                return Unsafe.As<int, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(long))
            {
                var v = ReadInt64(ref reader);
                return Unsafe.As<long, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(double))
            {
                var v = ReadDouble(ref reader);
                return Unsafe.As<double, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(bool))
            {
                var v = reader.GetBoolean();
                return Unsafe.As<bool, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(DateTime))
            {
                var v = ReadDateTimeOffset(ref reader).UtcDateTime;
                return Unsafe.As<DateTime, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(DateTimeOffset))
            {
                var v = ReadDateTimeOffset(ref reader);
                return Unsafe.As<DateTimeOffset, TValue>(ref v);
            }

            if (typeof(TValue) == typeof(Guid))
            {
                var v = reader.GetGuid();
                return Unsafe.As<Guid, TValue>(ref v);
            }

            return kind switch
            {
                EdmKind.String => (TValue)(object)ReadAsString(ref reader),
                EdmKind.Binary => (TValue)(object)reader.GetBytesFromBase64(),
                EdmKind.BinaryData => (TValue)(object)new BinaryData(reader.GetBytesFromBase64()),
                EdmKind.Enum => reader.TokenType == JsonTokenType.Number
                    ? (TValue)Enum.ToObject(typeof(TValue), reader.GetInt64())
                    : (TValue)Enum.Parse(typeof(TValue), reader.GetString()!, ignoreCase: true),
                _ => throw new NotSupportedException($"Property '{name}' has type {typeof(TValue)}, which has no Edm type."),
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new FormatException($"The stored value of property '{name}' cannot be read as {typeof(TValue).Name}: {ex.Message}", ex);
        }
    }

    public static long ReadInt64(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetInt64();
        }

        if (!reader.ValueIsEscaped && Utf8Parser.TryParse(reader.ValueSpan, out long v, out var consumed) && consumed == reader.ValueSpan.Length)
        {
            return v;
        }

        return long.Parse(reader.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    public static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        var span = reader.ValueSpan;
        if (span.SequenceEqual("NaN"u8))
        {
            return double.NaN;
        }

        if (span.SequenceEqual("Infinity"u8) || span.SequenceEqual("INF"u8))
        {
            return double.PositiveInfinity;
        }

        if (span.SequenceEqual("-Infinity"u8) || span.SequenceEqual("-INF"u8))
        {
            return double.NegativeInfinity;
        }

        return double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader)
    {
        if (reader.TryGetDateTimeOffset(out var value))
        {
            return value.ToUniversalTime();
        }

        return DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    private static string ReadAsString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
    };
}
