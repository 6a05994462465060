namespace Dispatch.Durable.Backend;

/// <summary>An instance's state and its current execution's history, with the concurrency token for the next commit.</summary>
/// <param name="Instance">The instance row.</param>
/// <param name="History">The history of the current execution, oldest first (sequence number = index).</param>
/// <param name="ETag">The optimistic-concurrency token (Table backend: the sentinel/instance row's ETag).</param>
public sealed record InstanceSnapshot(InstanceRecord Instance, IReadOnlyList<HistoryEvent> History, string ETag);
