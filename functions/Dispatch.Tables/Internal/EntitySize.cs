namespace Dispatch.Tables.Internal;

/// <summary>
/// Running size of an entity as the service counts it (4 bytes + keys as UTF-16 + per property 8 bytes, the
/// name as UTF-16 and the value), and the number of custom properties, checked while the entity is written.
/// </summary>
internal struct EntitySize
{
    private long _bytes;
    private int _properties;

    public static EntitySize ForKeys(string? partitionKey, string? rowKey) =>
        new() { _bytes = 4 + (2L * ((partitionKey?.Length ?? 0) + (rowKey?.Length ?? 0))) };

    public void Add(string name, long valueBytes)
    {
        _properties++;
        _bytes += 8 + (2L * name.Length) + valueBytes;
        if (_properties > TableValidation.MaxCustomProperties)
        {
            throw new ArgumentException($"The entity has more than {TableValidation.MaxCustomProperties} custom properties (at '{TableValidation.Display(name)}'); the service allows {TableValidation.MaxCustomProperties}.", "entity");
        }

        if (_bytes > TableValidation.MaxEntitySize)
        {
            throw new ArgumentException($"The entity exceeds 1 MiB (at property '{TableValidation.Display(name)}', {_bytes:N0} bytes as the service counts them).", "entity");
        }
    }
}
