using Azure;
using Dispatch.Tables;

namespace Dispatch.Bench.Tables;

/// <summary>The partial entity of the merge-upsert operation: keys and one property, as in the JS script.</summary>
internal sealed class BenchTermUpdate : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Term { get; set; }
}
