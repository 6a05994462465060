using Dispatch.Durable.Client;

namespace Dispatch.Durable.Backend;

/// <summary>
/// The stored state of one instance (the Instances row): what queries read without touching history.
/// Written only by <see cref="IOrchestrationBackend.CreateInstanceAsync"/> (as Pending), by delivery of an
/// ExecutionStarted message (sub-orchestrations), and by <see cref="IOrchestrationBackend.CommitStepAsync"/>.
/// </summary>
public sealed record InstanceRecord
{
    /// <summary>Gets the instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the version of the current execution.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Gets the id of the current execution; changes on continue-as-new and on re-creation.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>Gets the runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Gets when the instance reached a terminal status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the requested start of a delayed start.</summary>
    public DateTimeOffset? ScheduledStartAt { get; init; }

    /// <summary>Gets the serialised input of the current execution.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the serialised output.</summary>
    public string? Output { get; init; }

    /// <summary>Gets the serialised custom status (at most 16 KB of UTF-16 text).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Gets the failure of a failed instance.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the tags given at start (indexed for queries).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = Empty;

    /// <summary>Gets the business keys the orchestrator set (indexed for queries).</summary>
    public IReadOnlyDictionary<string, string> BusinessKeys { get; init; } = Empty;

    /// <summary>Gets the parent of a sub-orchestration.</summary>
    public ParentOrchestrationInstance? Parent { get; init; }

    /// <summary>Gets the number of continue-as-new restarts.</summary>
    public int Generation { get; init; }

    /// <summary>Gets the due time of the earliest pending durable timer, for monitoring ("next timer due").</summary>
    public DateTimeOffset? NextTimerAt { get; init; }

    /// <summary>Gets the number of events in the current execution's history.</summary>
    public int HistoryLength { get; init; }

    private static IReadOnlyDictionary<string, string> Empty { get; } = new Dictionary<string, string>();

    /// <summary>Builds the Pending row an ExecutionStarted message creates.</summary>
    /// <param name="message">The message; its event must be ExecutionStarted with name and execution id.</param>
    /// <param name="now">The creation time.</param>
    public static InstanceRecord FromStartMessage(OrchestrationMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        var started = message.Event;
        if (started.EventType != HistoryEventType.ExecutionStarted || started.Name is null || started.ExecutionId is null)
        {
            throw new ArgumentException($"Message '{message.MessageId}' is not an ExecutionStarted event with a name and an execution id.", nameof(message));
        }

        return new InstanceRecord
        {
            InstanceId = message.InstanceId,
            Name = started.Name,
            Version = started.Version ?? string.Empty,
            ExecutionId = started.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartAt = started.ScheduledStartTime,
            Input = started.Input,
            Tags = started.Tags ?? Empty,
            Parent = started.Parent,
        };
    }
}
