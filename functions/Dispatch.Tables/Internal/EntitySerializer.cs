using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Turns entities into request bodies and response bodies into entities with <see cref="Utf8JsonWriter"/>
/// and <see cref="Utf8JsonReader"/> directly: <see cref="TableEntity"/> through its dictionary, POCOs
/// through their cached <see cref="EntityMap{T}"/>.
/// </summary>
internal static class EntitySerializer
{
    private static readonly JsonEncodedText PartitionKeyName = JsonEncodedText.Encode(TableEntity.PartitionKeyName);
    private static readonly JsonEncodedText RowKeyName = JsonEncodedText.Encode(TableEntity.RowKeyName);

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Relaxed: non-ASCII text goes out as UTF-8 rather than \u escapes; JSON stays valid.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    // One writer and buffer per thread, taken while in use so that nested use never shares them.
    [ThreadStatic]
    private static WriterCache? _cache;

    /// <summary>Serializes one entity to a compact, single-line JSON body.</summary>
    public static byte[] Serialize(ITableEntity entity)
    {
        var cache = RentWriter();
        try
        {
            Write(cache.Writer, entity);
            cache.Writer.Flush();
            return cache.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            ReturnWriter(cache);
        }
    }

    /// <summary>Takes this thread's writer (or a new one); give it back with <see cref="ReturnWriter"/>.</summary>
    public static WriterCache RentWriter()
    {
        var cache = _cache;
        _cache = null;
        return cache ?? new WriterCache();
    }

    public static void ReturnWriter(WriterCache cache)
    {
        // A huge entity should not pin its buffer to the thread forever.
        if (cache.Buffer.Capacity > 256 * 1024)
        {
            return;
        }

        cache.Buffer.ResetWrittenCount();
        cache.Writer.Reset(cache.Buffer);
        _cache = cache;
    }

    public static void Write(Utf8JsonWriter writer, ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity is TableEntity dictionary)
        {
            WriteDictionary(writer, dictionary);
        }
        else
        {
            EntityMap.For(entity.GetType()).WriteObject(writer, entity);
        }
    }

    /// <summary>Opens the entity object and writes its validated keys; returns the size counted so far.</summary>
    public static EntitySize WriteKeys(Utf8JsonWriter writer, string? partitionKey, string? rowKey)
    {
        TableValidation.ValidateKey(partitionKey, "PartitionKey", "entity");
        TableValidation.ValidateKey(rowKey, "RowKey", "entity");
        writer.WriteStartObject();
        writer.WriteString(PartitionKeyName, partitionKey);
        writer.WriteString(RowKeyName, rowKey);
        return EntitySize.ForKeys(partitionKey, rowKey);
    }

    private static void WriteDictionary(Utf8JsonWriter writer, TableEntity entity)
    {
        var properties = entity.Properties;
        properties.TryGetValue(TableEntity.PartitionKeyName, out var pk);
        properties.TryGetValue(TableEntity.RowKeyName, out var rk);
        var size = WriteKeys(writer, pk as string ?? ThrowKeyType(pk, "PartitionKey"), rk as string ?? ThrowKeyType(rk, "RowKey"));
        foreach (var (name, value) in properties)
        {
            if (value is null or DateTime { Ticks: 0 } || (value is DateTimeOffset dto && dto == default) || name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName or TableEntity.ETagName
                || name.StartsWith("odata.", StringComparison.Ordinal) || name.EndsWith(EdmJson.AnnotationSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            TableValidation.ValidatePropertyName(name);
            size.Add(name, WriteDictionaryValue(writer, name, value));
        }

        writer.WriteEndObject();
    }

    private static long WriteDictionaryValue(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WritePropertyName(name);
                return EdmJson.WriteString(writer, s, name);
            case int i:
                writer.WriteNumber(name, i);
                return 4;
            case bool b:
                writer.WriteBoolean(name, b);
                return 1;
            case long l:
                WriteAnnotation(writer, name, EdmJson.EdmInt64);
                EdmJson.WriteInt64(writer, l);
                return 8;
            case double d:
                WriteAnnotation(writer, name, EdmJson.EdmDouble);
                EdmJson.WriteDouble(writer, d);
                return 8;
            case float f:
                WriteAnnotation(writer, name, EdmJson.EdmDouble);
                EdmJson.WriteDouble(writer, f);
                return 8;
            case DateTimeOffset dto:
                WriteAnnotation(writer, name, EdmJson.EdmDateTime);
                EdmJson.WriteDateTime(writer, dto.UtcDateTime, name);
                return 8;
            case DateTime dt:
                WriteAnnotation(writer, name, EdmJson.EdmDateTime);
                EdmJson.WriteDateTime(writer, dt, name);
                return 8;
            case Guid g:
                WriteAnnotation(writer, name, EdmJson.EdmGuid);
                EdmJson.WriteGuid(writer, g);
                return 16;
            case byte[] bytes:
                WriteAnnotation(writer, name, EdmJson.EdmBinary);
                return EdmJson.WriteBinary(writer, bytes, name);
            case BinaryData data:
                WriteAnnotation(writer, name, EdmJson.EdmBinary);
                return EdmJson.WriteBinary(writer, data.ToMemory().Span, name);
            case ReadOnlyMemory<byte> memory:
                WriteAnnotation(writer, name, EdmJson.EdmBinary);
                return EdmJson.WriteBinary(writer, memory.Span, name);
            case Enum e:
                writer.WritePropertyName(name);
                return EdmJson.WriteString(writer, e.ToString(), name);
            default:
                throw new ArgumentException($"Property '{TableValidation.Display(name)}' holds a {value.GetType()}, which has no Edm type.", "entity");
        }
    }

    private static void WriteAnnotation(Utf8JsonWriter writer, string name, JsonEncodedText edmType)
    {
        writer.WriteString(string.Concat(name, EdmJson.AnnotationSuffix), edmType);
        writer.WritePropertyName(name);
    }

    private static string ThrowKeyType(object? value, string which) => value is null
        ? throw new ArgumentException($"The entity has no {which}.", "entity")
        : throw new ArgumentException($"The entity's {which} is a {value.GetType().Name}, not a string.", "entity");

    /// <summary>Handles odata.etag, PartitionKey, RowKey and Timestamp; the reader is on a property name.</summary>
    public static bool TryReadSystemProperty(ref Utf8JsonReader reader, ITableEntity entity)
    {
        if (reader.ValueTextEquals("odata.etag"u8))
        {
            reader.Read();
            entity.ETag = new Azure.ETag(reader.GetString()!);
            return true;
        }

        if (reader.ValueTextEquals("PartitionKey"u8))
        {
            reader.Read();
            entity.PartitionKey = reader.GetString()!;
            return true;
        }

        if (reader.ValueTextEquals("RowKey"u8))
        {
            reader.Read();
            entity.RowKey = reader.GetString()!;
            return true;
        }

        if (reader.ValueTextEquals("Timestamp"u8))
        {
            reader.Read();
            entity.Timestamp = reader.TokenType == JsonTokenType.Null ? null : EdmJson.ReadDateTimeOffset(ref reader);
            return true;
        }

        return false;
    }

    /// <summary>Reads one entity into a new <typeparamref name="T"/>; the reader is on its StartObject.</summary>
    public static T Read<T>(ref Utf8JsonReader reader, PropertyNameCache? names)
        where T : class, ITableEntity, new()
    {
        if (typeof(T) == typeof(TableEntity))
        {
            return (T)(object)ReadTableEntity(ref reader, names ?? new PropertyNameCache());
        }

        return EntityMap<T>.Instance.Read(ref reader, new T());
    }

    private static TableEntity ReadTableEntity(ref Utf8JsonReader reader, PropertyNameCache names)
    {
        var entity = new TableEntity(12);
        var properties = entity.Properties;
        string? typedName = null;
        var typedKind = EdmKind.Unsupported;
        List<(string Name, EdmKind Kind)>? lateAnnotations = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("odata.etag"u8))
            {
                reader.Read();
                properties[TableEntity.ETagName] = reader.GetString();
                continue;
            }

            var raw = reader.ValueSpan;
            if (!reader.ValueIsEscaped && raw.StartsWith("odata."u8))
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            if (!reader.ValueIsEscaped && raw.EndsWith("@odata.type"u8))
            {
                var annotated = names.Get(raw[..^"@odata.type"u8.Length]);
                reader.Read();
                var kind = ParseEdmType(reader.ValueSpan);
                if (properties.TryGetValue(annotated, out var already) && already is not null)
                {
                    (lateAnnotations ??= []).Add((annotated, kind));
                }
                else
                {
                    typedName = annotated;
                    typedKind = kind;
                }

                continue;
            }

            var name = names.Get(ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Null)
            {
                continue;
            }

            if (ReferenceEquals(name, typedName) || (typedName is not null && name == typedName))
            {
                properties[name] = ReadTyped(ref reader, typedKind, name);
                typedName = null;
            }
            else if (name == TableEntity.TimestampName)
            {
                properties[name] = EdmJson.ReadDateTimeOffset(ref reader);
            }
            else
            {
                properties[name] = ReadUntyped(ref reader);
            }
        }

        if (lateAnnotations is not null)
        {
            foreach (var (name, kind) in lateAnnotations)
            {
                if (properties[name] is string text)
                {
                    properties[name] = ConvertLate(text, kind);
                }
            }
        }

        return entity;
    }

    private static EdmKind ParseEdmType(ReadOnlySpan<byte> type) => type switch
    {
        _ when type.SequenceEqual("Edm.Int64"u8) => EdmKind.Int64,
        _ when type.SequenceEqual("Edm.Double"u8) => EdmKind.Double,
        _ when type.SequenceEqual("Edm.DateTime"u8) => EdmKind.DateTimeOffset,
        _ when type.SequenceEqual("Edm.Guid"u8) => EdmKind.Guid,
        _ when type.SequenceEqual("Edm.Binary"u8) => EdmKind.Binary,
        _ when type.SequenceEqual("Edm.Int32"u8) => EdmKind.Int32,
        _ when type.SequenceEqual("Edm.Boolean"u8) => EdmKind.Boolean,
        _ => EdmKind.String,
    };

    private static object ReadTyped(ref Utf8JsonReader reader, EdmKind kind, string name) => kind switch
    {
        EdmKind.Int64 => EdmJson.ReadInt64(ref reader),
        EdmKind.Double => EdmJson.ReadDouble(ref reader),
        EdmKind.DateTimeOffset => EdmJson.ReadDateTimeOffset(ref reader),
        EdmKind.Guid => EdmJson.ReadValue<Guid>(ref reader, kind, name),
        EdmKind.Binary => reader.GetBytesFromBase64(),
        EdmKind.Int32 => EdmJson.ReadValue<int>(ref reader, kind, name),
        EdmKind.Boolean => reader.GetBoolean(),
        _ => ReadUntyped(ref reader),
    };

    private static object ConvertLate(string text, EdmKind kind)
    {
        // Rare (annotation after its value): re-read the string as a JSON token of the annotated type.
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(text);
        }

        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        reader.Read();
        return ReadTyped(ref reader, kind, string.Empty);
    }

    private static object ReadUntyped(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString()!;
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Number:
                var raw = reader.ValueSpan;
                if (raw.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && reader.TryGetInt32(out var i))
                {
                    return i;
                }

                return reader.GetDouble();
            default:
                // Objects and arrays are not Edm values; keep their JSON text rather than lose them.
                using (var doc = JsonDocument.ParseValue(ref reader))
                {
                    return doc.RootElement.GetRawText();
                }
        }
    }

    /// <summary>A reusable JSON writer and the buffer it writes to.</summary>
    internal sealed class WriterCache
    {
        public WriterCache()
        {
            Buffer = new ArrayBufferWriter<byte>(1024);
            Writer = new Utf8JsonWriter(Buffer, WriterOptions);
        }

        public ArrayBufferWriter<byte> Buffer { get; }

        public Utf8JsonWriter Writer { get; }
    }
}
