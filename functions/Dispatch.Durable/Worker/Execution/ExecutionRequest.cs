namespace Dispatch.Durable.Worker.Execution;

/// <summary>One episode to execute: the recorded history and the new events, for one execution of one instance.</summary>
internal sealed record ExecutionRequest(
    string InstanceId,
    string ExecutionId,
    IReadOnlyList<HistoryEvent> PastEvents,
    IReadOnlyList<HistoryEvent> NewEvents,
    DateTimeOffset Now,
    string? CustomStatus,
    IReadOnlyDictionary<string, string> BusinessKeys);
