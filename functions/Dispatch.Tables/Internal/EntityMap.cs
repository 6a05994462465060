using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Serialization;
using System.Text.Json;

namespace Dispatch.Tables.Internal;

/// <summary>
/// How one POCO type maps to entity properties: built once per type by reflection, then used through
/// typed delegates only. Public instance properties with a public getter and setter are mapped, except the
/// <see cref="ITableEntity"/> ones and those marked <see cref="IgnoreDataMemberAttribute"/>;
/// <see cref="DataMemberAttribute.Name"/> renames a property.
/// </summary>
internal abstract class EntityMap
{
    private static readonly ConcurrentDictionary<Type, EntityMap> Maps = new();

    public static EntityMap For(Type type) => Maps.TryGetValue(type, out var map) ? map : Maps.GetOrAdd(type, Build(type));

    /// <summary>Writes the entity (a <see cref="TableEntity"/> or an instance of the mapped type) as one JSON object.</summary>
    public abstract void WriteObject(Utf8JsonWriter writer, ITableEntity entity);

    private static EntityMap Build(Type type)
    {
        if (!type.IsClass)
        {
            throw new NotSupportedException($"Entity type {type} must be a class.");
        }

        try
        {
            return (EntityMap)Activator.CreateInstance(typeof(EntityMap<>).MakeGenericType(type), nonPublic: true)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            // Surface the mapping error itself (e.g. an unsupported property type), not the reflection wrapper.
            ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}

/// <summary>The map of one POCO type <typeparamref name="T"/>.</summary>
internal sealed class EntityMap<T> : EntityMap
    where T : class, ITableEntity
{
    private static EntityMap<T>? _instance;
    private readonly PropertyAccessor<T>[] _properties;

    private EntityMap()
    {
        var list = new List<PropertyAccessor<T>>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true } || property.SetMethod is not { IsPublic: true }
                || property.IsDefined(typeof(IgnoreDataMemberAttribute), inherit: true)
                || property.Name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))
            {
                continue;
            }

            var name = property.GetCustomAttribute<DataMemberAttribute>(inherit: true)?.Name ?? property.Name;
            TableValidation.ValidatePropertyName(name);
            list.Add(CreateAccessor(property, name));
        }

        _properties = [.. list];
    }

    public static EntityMap<T> Instance => _instance ??= (EntityMap<T>)For(typeof(T));

    public override void WriteObject(Utf8JsonWriter writer, ITableEntity entity) => Write(writer, (T)entity);

    public void Write(Utf8JsonWriter writer, T entity)
    {
        var size = EntitySerializer.WriteKeys(writer, entity.PartitionKey, entity.RowKey);
        var properties = _properties;
        for (var i = 0; i < properties.Length; i++)
        {
            properties[i].Write(writer, entity, ref size);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads one entity object; the reader is on its StartObject and ends on its EndObject.</summary>
    public T Read(ref Utf8JsonReader reader, T entity)
    {
        var properties = _properties;
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (EntitySerializer.TryReadSystemProperty(ref reader, entity))
            {
                continue;
            }

            PropertyAccessor<T>? match = null;
            if (next < properties.Length && reader.ValueTextEquals(properties[next].Utf8Name))
            {
                match = properties[next];
                next++;
            }
            else
            {
                for (var i = 0; i < properties.Length; i++)
                {
                    if (reader.ValueTextEquals(properties[i].Utf8Name))
                    {
                        match = properties[i];
                        next = i + 1;
                        break;
                    }
                }
            }

            reader.Read();
            if (match is null)
            {
                // Annotations and properties the type does not map.
                reader.Skip();
                continue;
            }

            match.Read(ref reader, entity);
        }

        return entity;
    }

    private static PropertyAccessor<T> CreateAccessor(PropertyInfo property, string name)
    {
        var type = property.PropertyType;
        var underlying = Nullable.GetUnderlyingType(type);
        var kind = EdmJson.KindOf(underlying ?? type);
        if (kind == EdmKind.Unsupported)
        {
            throw new NotSupportedException($"Property {typeof(T).Name}.{property.Name} has type {type}, which has no Edm type; mark it [IgnoreDataMember] to leave it out of storage.");
        }

        var getter = Delegate.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(T), type), property.GetMethod!);
        var setter = Delegate.CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(T), type), property.SetMethod!);
        var accessorType = underlying is null
            ? typeof(ValuePropertyAccessor<,>).MakeGenericType(typeof(T), type)
            : typeof(NullablePropertyAccessor<,>).MakeGenericType(typeof(T), underlying);
        return (PropertyAccessor<T>)Activator.CreateInstance(accessorType, name, kind, getter, setter)!;
    }
}
