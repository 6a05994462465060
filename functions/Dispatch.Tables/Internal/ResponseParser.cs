using System.Text.Json;
using Dispatch.Tables.Models;

namespace Dispatch.Tables.Internal;

/// <summary>Reads query and point-read response bodies.</summary>
internal static class ResponseParser
{
    /// <summary>Reads the entities of <c>{"value":[…]}</c>.</summary>
    public static List<T> ReadEntities<T>(ReadOnlySpan<byte> body, int capacityHint)
        where T : class, ITableEntity, new()
    {
        var list = new List<T>(capacityHint);
        var reader = new Utf8JsonReader(body);
        var names = typeof(T) == typeof(TableEntity) ? new PropertyNameCache() : null;
        if (!MoveToValueArray(ref reader))
        {
            return list;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            list.Add(EntitySerializer.Read<T>(ref reader, names));
        }

        return list;
    }

    /// <summary>Reads a single entity object.</summary>
    public static T ReadEntity<T>(ReadOnlySpan<byte> body)
        where T : class, ITableEntity, new()
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The entity response is not a JSON object.");
        }

        return EntitySerializer.Read<T>(ref reader, null);
    }

    /// <summary>Reads the tables of <c>{"value":[{"TableName":"…"}]}</c>.</summary>
    public static List<TableItem> ReadTables(ReadOnlySpan<byte> body)
    {
        var list = new List<TableItem>();
        var reader = new Utf8JsonReader(body);
        if (!MoveToValueArray(ref reader))
        {
            return list;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? name = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("TableName"u8);
                reader.Read();
                if (isName)
                {
                    name = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            if (name is not null)
            {
                list.Add(new TableItem(name));
            }
        }

        return list;
    }

    private static bool MoveToValueArray(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The query response is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (isValue && reader.TokenType == JsonTokenType.StartArray)
            {
                return true;
            }

            reader.Skip();
        }

        return false;
    }
}
