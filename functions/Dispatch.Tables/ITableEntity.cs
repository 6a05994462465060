using Azure;

namespace Dispatch.Tables;

/// <summary>
/// The system properties every table entity has. Implement it on a class with public settable properties
/// (a POCO) to store and read that class directly; <see cref="TableEntity"/> implements it as a dictionary.
/// </summary>
public interface ITableEntity
{
    /// <summary>Gets or sets the partition key.</summary>
    string PartitionKey { get; set; }

    /// <summary>Gets or sets the row key, unique within the partition.</summary>
    string RowKey { get; set; }

    /// <summary>Gets or sets the last-modified time the service stamps on every write (ignored when writing).</summary>
    DateTimeOffset? Timestamp { get; set; }

    /// <summary>Gets or sets the entity tag the service returned, used for optimistic concurrency.</summary>
    ETag ETag { get; set; }
}
