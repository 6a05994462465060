using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <summary>
/// JSON payloads in table properties. A string property holds at most 64 KiB (32K UTF-16 characters), so
/// longer payloads are split across <c>{Name}_0</c>, <c>{Name}_1</c>, … with <c>{Name}Parts</c>, up to what one
/// entity (1 MiB) can hold; beyond that the write fails with a clear error before anything is sent.
/// </summary>
internal static class TablePayloads
{
    /// <summary>Characters per property.</summary>
    public const int ChunkChars = 32_000;

    /// <summary>Most characters one payload may have: 15 properties, leaving room for keys and columns within 1 MiB.</summary>
    public const int MaxChars = 15 * ChunkChars;

    /// <summary>Payloads up to this size are copied inline into index rows so claims need not read the partition.</summary>
    public const int InlineChars = 16_000;

    /// <summary>The JSON settings of stored payloads.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serialises a value.</summary>
    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>Deserialises a value.</summary>
    public static T FromJson<T>(string json) => JsonSerializer.Deserialize<T>(json, Json) ?? throw new InvalidOperationException($"Stored {typeof(T).Name} is empty.");

    /// <summary>Writes <paramref name="value"/> into <paramref name="entity"/>, split when long.</summary>
    /// <param name="entity">The entity.</param>
    /// <param name="property">The property name.</param>
    /// <param name="value">The text.</param>
    /// <param name="instanceId">The instance the payload belongs to (for the error).</param>
    /// <param name="what">What the payload is (for the error), e.g. "history event TaskCompleted #3".</param>
    public static void Write(TableEntity entity, string property, string value, string instanceId, string what)
    {
        if (value.Length <= ChunkChars)
        {
            entity[property] = value;
            return;
        }

        if (value.Length > MaxChars)
        {
            throw new OrchestrationPayloadTooLargeException(
                $"The {what} of instance '{instanceId}' is {value.Length:N0} characters of JSON; Table Storage holds at most {MaxChars:N0} per entity (1 MiB). Store large data elsewhere and pass a reference.");
        }

        var parts = (value.Length + ChunkChars - 1) / ChunkChars;
        for (var i = 0; i < parts; i++)
        {
            var start = i * ChunkChars;
            entity[PartName(property, i)] = value.Substring(start, Math.Min(ChunkChars, value.Length - start));
        }

        entity[property + "Parts"] = parts;
    }

    /// <summary>Reads a payload written by <see cref="Write"/>, or null when absent.</summary>
    public static string? Read(TableEntity entity, string property)
    {
        var parts = entity.GetInt32(property + "Parts");
        if (parts is null)
        {
            return entity.GetString(property);
        }

        var builder = new System.Text.StringBuilder(parts.Value * ChunkChars);
        for (var i = 0; i < parts.Value; i++)
        {
            builder.Append(entity.GetString(PartName(property, i)));
        }

        return builder.ToString();
    }

    /// <summary>Estimates the bytes an entity takes in a batch body (UTF-8 JSON plus envelope).</summary>
    public static int EstimateBytes(TableEntity entity)
    {
        var size = 600 + (entity.PartitionKey.Length + entity.RowKey.Length) * 3;
        foreach (var (key, value) in entity)
        {
            size += key.Length + 8 + (value is string s ? s.Length * 3 : 24);
        }

        return size;
    }

    private static string PartName(string property, int index) => string.Concat(property, "_", index.ToString(CultureInfo.InvariantCulture));
}
