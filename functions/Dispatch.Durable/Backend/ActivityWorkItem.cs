namespace Dispatch.Durable.Backend;

/// <summary>
/// An activity invocation waiting to run. Written by a step commit in the calling instance's partition;
/// claimed with a lease; removed by <see cref="IOrchestrationBackend.CompleteActivityAsync"/> together with
/// the insertion of its result message.
/// </summary>
public sealed record ActivityWorkItem
{
    /// <summary>Gets the work item id, deterministic: execution id and task id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the calling instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the calling execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Gets the caller's task id.</summary>
    public required int TaskId { get; init; }

    /// <summary>Gets the activity name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the serialised input.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the calling orchestration's version.</summary>
    public string? Version { get; init; }

    /// <summary>Gets how many times the item was claimed before (set by the backend at claim).</summary>
    public int DequeueCount { get; init; }

    /// <summary>Gets the lease token of the current claim (set by the backend at claim).</summary>
    public string? LeaseToken { get; init; }
}
