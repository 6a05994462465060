using System.Text.Json.Serialization;

namespace Dispatch.Durable;

/// <summary>
/// One event of an instance's event-sourced history, also the payload of a message to an instance. One
/// flat shape for every kind (like a history table row): which fields are set depends on <see cref="EventType"/>.
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>Gets the event kind.</summary>
    public required HistoryEventType EventType { get; init; }

    /// <summary>Gets the task id of a scheduling event (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent); -1 otherwise.</summary>
    public int EventId { get; init; } = -1;

    /// <summary>Gets when the event was produced.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the activity, orchestrator or event name.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    /// <summary>Gets the orchestrator version (ExecutionStarted, SubOrchestrationInstanceCreated, ContinueAsNew).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Version { get; init; }

    /// <summary>Gets the serialised input or event payload.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Input { get; init; }

    /// <summary>Gets the serialised result or output.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Result { get; init; }

    /// <summary>Gets the failure of TaskFailed, SubOrchestrationInstanceFailed or ExecutionFailed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the task id a completion refers to (TaskCompleted/Failed, TimerFired, SubOrchestrationInstanceCompleted/Failed).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TaskScheduledId { get; init; }

    /// <summary>Gets when a timer fires (TimerCreated, TimerFired).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? FireAt { get; init; }

    /// <summary>Gets the other instance involved: the child (SubOrchestrationInstanceCreated) or the target (EventSent).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InstanceId { get; init; }

    /// <summary>Gets the execution id (ExecutionStarted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExecutionId { get; init; }

    /// <summary>Gets the parent of a sub-orchestration (ExecutionStarted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParentOrchestrationInstance? Parent { get; init; }

    /// <summary>Gets the instance tags (ExecutionStarted).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the reason given for a terminate, suspend or resume.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }

    /// <summary>Gets whether a terminate also terminates running sub-orchestrations.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Recursive { get; init; }

    /// <summary>Gets the scheduled start (ExecutionStarted with a delayed start).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <inheritdoc />
    public override string ToString() => Name is null ? $"{EventType}#{EventId}" : $"{EventType} '{Name}'#{EventId}";
}
