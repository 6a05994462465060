namespace Dispatch.Durable;

/// <summary>Serialises inputs, outputs, event payloads and custom status. Changing it can break in-flight instances.</summary>
public abstract class DataConverter
{
    /// <summary>Serialises a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserialises <paramref name="data"/> to <paramref name="targetType"/>; null data gives the type's default.</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Deserialises <paramref name="data"/> to <typeparamref name="T"/>.</summary>
    public virtual T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}
