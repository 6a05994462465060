using System.Runtime.Serialization;
using Azure;

namespace Dispatch.Tables.Tests;

public enum Stage
{
    Selected,
    OnDuty,
    Rotated,
}

public sealed class SecretaryEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Name { get; set; }

    public int Term { get; set; }

    public long Budget { get; set; }

    public double Score { get; set; }

    public bool Active { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTime ReviewedAt { get; set; }

    public Guid AssignmentId { get; set; }

    public byte[]? Photo { get; set; }

    public BinaryData? Signature { get; set; }

    public Stage Stage { get; set; }

    public int? Rank { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    [IgnoreDataMember]
    public string? Scratch { get; set; }

    [DataMember(Name = "village")]
    public string? Village { get; set; }

    public string Computed => Name + "!";
}

public sealed record InitOnlyEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string? Title { get; init; }

    public long? Count { get; init; }
}
