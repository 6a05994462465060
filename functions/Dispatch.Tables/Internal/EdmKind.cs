namespace Dispatch.Tables.Internal;

/// <summary>The CLR shapes a property can have, each mapped to one Edm type.</summary>
internal enum EdmKind
{
    Unsupported = 0,
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    DateTime,
    DateTimeOffset,
    Guid,
    Binary,
    BinaryData,
    Enum,
}
