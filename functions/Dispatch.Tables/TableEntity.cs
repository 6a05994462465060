using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;

namespace Dispatch.Tables;

/// <summary>
/// A schemaless entity: a dictionary of property names to values, with the system properties exposed as
/// <see cref="ITableEntity"/>. Values keep their Edm type on a round trip: <see cref="string"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, <see cref="DateTimeOffset"/> (also written from
/// <see cref="DateTime"/>), <see cref="Guid"/> and <see cref="byte"/>[] (also written from <see cref="BinaryData"/>).
/// </summary>
public sealed class TableEntity : ITableEntity, IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";
    internal const string ETagName = "odata.etag";

    private readonly Dictionary<string, object?> _properties;

    /// <summary>Creates an empty entity.</summary>
    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Creates an entity with its keys.</summary>
    /// <param name="partitionKey">The partition key.</param>
    /// <param name="rowKey">The row key.</param>
    public TableEntity(string partitionKey, string rowKey)
        : this()
    {
        _properties[PartitionKeyName] = partitionKey;
        _properties[RowKeyName] = rowKey;
    }

    /// <summary>Creates an entity holding a copy of <paramref name="values"/>.</summary>
    /// <param name="values">The properties, system ones included if wanted.</param>
    public TableEntity(IDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _properties = new Dictionary<string, object?>(values, StringComparer.Ordinal);
    }

    internal TableEntity(int capacity)
    {
        _properties = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public string PartitionKey
    {
        get => GetString(PartitionKeyName)!;
        set => _properties[PartitionKeyName] = value;
    }

    /// <inheritdoc />
    public string RowKey
    {
        get => GetString(RowKeyName)!;
        set => _properties[RowKeyName] = value;
    }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp
    {
        get => GetDateTimeOffset(TimestampName);
        set => _properties[TimestampName] = value;
    }

    /// <inheritdoc />
    public ETag ETag
    {
        get => _properties.TryGetValue(ETagName, out var v) && v is string s ? new ETag(s) : default;
        set => _properties[ETagName] = value == default ? null : value.ToString();
    }

    /// <inheritdoc />
    public int Count => _properties.Count;

    /// <inheritdoc />
    public ICollection<string> Keys => _properties.Keys;

    /// <inheritdoc />
    public ICollection<object?> Values => _properties.Values;

    /// <inheritdoc />
    bool ICollection<KeyValuePair<string, object?>>.IsReadOnly => false;

    internal Dictionary<string, object?> Properties => _properties;

    /// <summary>Gets or sets a property; getting a missing one returns null.</summary>
    /// <param name="key">The property name.</param>
    public object? this[string key]
    {
        get => _properties.TryGetValue(key, out var v) ? v : null;
        set => _properties[key] = value;
    }

    /// <summary>Gets a string property, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public string? GetString(string key) => GetValue(key) switch
    {
        null => null,
        string s => s,
        var other => throw Mismatch(key, other, "String"),
    };

    /// <summary>Gets an Int32 property, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public int? GetInt32(string key) => GetValue(key) switch
    {
        null => null,
        int i => i,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        var other => throw Mismatch(key, other, "Int32"),
    };

    /// <summary>Gets an Int64 property (an Int32 widens), or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public long? GetInt64(string key) => GetValue(key) switch
    {
        null => null,
        long l => l,
        int i => i,
        var other => throw Mismatch(key, other, "Int64"),
    };

    /// <summary>Gets a Double property (an Int32 or Int64 widens), or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public double? GetDouble(string key) => GetValue(key) switch
    {
        null => null,
        double d => d,
        int i => i,
        long l => l,
        var other => throw Mismatch(key, other, "Double"),
    };

    /// <summary>Gets a Boolean property, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public bool? GetBoolean(string key) => GetValue(key) switch
    {
        null => null,
        bool b => b,
        var other => throw Mismatch(key, other, "Boolean"),
    };

    /// <summary>Gets a DateTime property as a <see cref="DateTimeOffset"/> in UTC, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public DateTimeOffset? GetDateTimeOffset(string key) => GetValue(key) switch
    {
        null => null,
        DateTimeOffset d => d,
        DateTime d => d.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(d, TimeSpan.Zero) : new DateTimeOffset(d.ToUniversalTime()),
        var other => throw Mismatch(key, other, "DateTime"),
    };

    /// <summary>Gets a DateTime property as a UTC <see cref="DateTime"/>, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public DateTime? GetDateTime(string key) => GetDateTimeOffset(key)?.UtcDateTime;

    /// <summary>Gets a Guid property, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public Guid? GetGuid(string key) => GetValue(key) switch
    {
        null => null,
        Guid g => g,
        var other => throw Mismatch(key, other, "Guid"),
    };

    /// <summary>Gets a Binary property as bytes, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public byte[]? GetBinary(string key) => GetValue(key) switch
    {
        null => null,
        byte[] b => b,
        BinaryData d => d.ToArray(),
        var other => throw Mismatch(key, other, "Binary"),
    };

    /// <summary>Gets a Binary property as <see cref="BinaryData"/>, or null when absent.</summary>
    /// <param name="key">The property name.</param>
    /// <returns>The value.</returns>
    public BinaryData? GetBinaryData(string key) => GetValue(key) switch
    {
        null => null,
        BinaryData d => d,
        byte[] b => new BinaryData(b),
        var other => throw Mismatch(key, other, "Binary"),
    };

    /// <inheritdoc />
    public void Add(string key, object? value) => _properties.Add(key, value);

    /// <inheritdoc />
    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    /// <inheritdoc />
    public bool Remove(string key) => _properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);

    /// <inheritdoc />
    public void Clear() => _properties.Clear();

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _properties.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => _properties.GetEnumerator();

    /// <inheritdoc />
    void ICollection<KeyValuePair<string, object?>>.Add(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Add(item);

    /// <inheritdoc />
    bool ICollection<KeyValuePair<string, object?>>.Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    /// <inheritdoc />
    void ICollection<KeyValuePair<string, object?>>.CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) => ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <inheritdoc />
    bool ICollection<KeyValuePair<string, object?>>.Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    private object? GetValue(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _properties.TryGetValue(key, out var v) ? v : null;
    }

    private static InvalidOperationException Mismatch(string key, object value, string wanted) =>
        new(string.Format(CultureInfo.InvariantCulture, "Property '{0}' holds a {1}, not a {2}.", key, value.GetType().Name, wanted));
}
