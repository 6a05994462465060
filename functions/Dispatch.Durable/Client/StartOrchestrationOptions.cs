namespace Dispatch.Durable.Client;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="StartAt">When to start; immediately when null or in the past. The start is a due-time row, so any delay costs nothing while waiting.</param>
public record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>Gets tags stored on the instance and filterable by queries.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the version stamped on the instance; the worker's default version when null.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// Gets the statuses of an existing instance with the same id that block the start with
    /// <see cref="OrchestrationAlreadyExistsException"/>. Null: every non-terminal status blocks (the default);
    /// empty: any existing instance is replaced (terminated first when still running).
    /// </summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? DedupeStatuses { get; init; }
}
