using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>A property whose type maps directly to an Edm type (a reference type or a non-nullable value type).</summary>
internal sealed class ValuePropertyAccessor<T, TValue>(string name, EdmKind kind, Func<T, TValue> getter, Action<T, TValue> setter)
    : PropertyAccessor<T>(name, kind)
    where T : class
{
    public override void Write(Utf8JsonWriter writer, T entity, ref EntitySize size)
    {
        var value = getter(entity);
        if (value is null || EdmJson.IsUnsetDate(value))
        {
            return;
        }

        WriteName(writer);
        size.Add(Name, EdmJson.WriteValue(writer, Kind, value, Name));
    }

    public override void Read(ref Utf8JsonReader reader, T entity)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return;
        }

        setter(entity, EdmJson.ReadValue<TValue>(ref reader, Kind, Name));
    }
}
