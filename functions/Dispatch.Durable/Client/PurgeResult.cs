namespace Dispatch.Durable.Client;

/// <summary>The outcome of a purge.</summary>
/// <param name="PurgedInstanceCount">Instances deleted.</param>
/// <param name="IsComplete">False when a time budget ran out before every match was purged: call again.</param>
public sealed record PurgeResult(int PurgedInstanceCount, bool IsComplete = true);
