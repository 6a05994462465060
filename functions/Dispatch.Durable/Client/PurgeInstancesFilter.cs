namespace Dispatch.Durable.Client;

/// <summary>Which terminal instances a bulk purge deletes.</summary>
/// <param name="CreatedFrom">Earliest creation time (inclusive).</param>
/// <param name="CreatedTo">Latest creation time (inclusive); no bound when null.</param>
/// <param name="Statuses">Terminal statuses to purge; every terminal status when null. Non-terminal statuses are ignored.</param>
public sealed record PurgeInstancesFilter(DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null)
{
    /// <summary>Gets a time budget; when it runs out the result says <see cref="PurgeResult.IsComplete"/> = false.</summary>
    public TimeSpan? Timeout { get; init; }
}
