namespace Dispatch.Durable.Client;

/// <summary>
/// A filter over instances. Every given criterion must hold. Beyond Durable Functions' filters, Dispatch
/// filters by name, last-updated time, tags and business keys, served from indexes, not history scans.
/// </summary>
public sealed record OrchestrationQuery
{
    /// <summary>Gets the earliest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Gets the latest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Gets the earliest last-update time (inclusive).</summary>
    public DateTimeOffset? LastUpdatedFrom { get; init; }

    /// <summary>Gets the latest last-update time (inclusive).</summary>
    public DateTimeOffset? LastUpdatedTo { get; init; }

    /// <summary>Gets the statuses to include; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses { get; init; }

    /// <summary>Gets the orchestrator name (case-insensitive).</summary>
    public string? Name { get; init; }

    /// <summary>Gets an instance id prefix (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Gets tags the instance must carry with these exact values.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets business keys the instance must carry with these exact values.</summary>
    public IReadOnlyDictionary<string, string>? BusinessKeys { get; init; }

    /// <summary>Gets the page size; 100 by default, 1 to 1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets whether inputs, outputs and custom status are returned.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Gets the continuation token of the previous page.</summary>
    public string? ContinuationToken { get; init; }
}
