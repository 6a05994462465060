using Azure;
using Dispatch.Tables;

namespace Dispatch.Bench.Tables;

/// <summary>The entity both clients write in the benchmark: the same properties and Edm types as the JS script's.</summary>
internal sealed class BenchSecretary : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public string? Village { get; set; }

    public int Term { get; set; }

    public double Score { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public long Budget { get; set; }

    public static BenchSecretary Create(string partitionKey, string rowKey) => new()
    {
        PartitionKey = partitionKey,
        RowKey = rowKey,
        Name = "张三 第一书记",
        Village = "黄村",
        Term = 2,
        Score = 97.5,
        Active = true,
        StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, TimeSpan.Zero),
        Budget = 9_000_000_000,
    };
}
