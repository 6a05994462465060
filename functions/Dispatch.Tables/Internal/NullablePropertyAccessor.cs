using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>A <see cref="Nullable{T}"/> property: written only when it has a value.</summary>
internal sealed class NullablePropertyAccessor<T, TValue>(string name, EdmKind kind, Func<T, TValue?> getter, Action<T, TValue?> setter)
    : PropertyAccessor<T>(name, kind)
    where T : class
    where TValue : struct
{
    public override void Write(Utf8JsonWriter writer, T entity, ref EntitySize size)
    {
        var value = getter(entity);
        if (!value.HasValue || EdmJson.IsUnsetDate(value.GetValueOrDefault()))
        {
            return;
        }

        WriteName(writer);
        size.Add(Name, EdmJson.WriteValue(writer, Kind, value.GetValueOrDefault(), Name));
    }

    public override void Read(ref Utf8JsonReader reader, T entity)
    {
        setter(entity, reader.TokenType == JsonTokenType.Null ? null : EdmJson.ReadValue<TValue>(ref reader, Kind, Name));
    }
}
