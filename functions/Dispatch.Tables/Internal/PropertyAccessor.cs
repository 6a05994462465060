using System.Text;
using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>One mapped POCO property: its encoded names and typed, delegate-based get and set.</summary>
internal abstract class PropertyAccessor<T>(string name, EdmKind kind)
    where T : class
{
    public string Name { get; } = name;

    public EdmKind Kind { get; } = kind;

    public JsonEncodedText EncodedName { get; } = JsonEncodedText.Encode(name);

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public JsonEncodedText? Annotation { get; } = EdmJson.AnnotationOf(kind);

    public JsonEncodedText AnnotationName { get; } = JsonEncodedText.Encode(name + EdmJson.AnnotationSuffix);

    /// <summary>Writes the property (annotation first) unless its value is null.</summary>
    public abstract void Write(Utf8JsonWriter writer, T entity, ref EntitySize size);

    /// <summary>Sets the property from the reader's current value token.</summary>
    public abstract void Read(ref Utf8JsonReader reader, T entity);

    protected void WriteName(Utf8JsonWriter writer)
    {
        if (Annotation is { } annotation)
        {
            writer.WriteString(AnnotationName, annotation);
        }

        writer.WritePropertyName(EncodedName);
    }
}
