namespace Dispatch.Durable.Client;

/// <summary>One page of a query.</summary>
/// <param name="Instances">The instances of this page, ordered by instance id.</param>
/// <param name="ContinuationToken">The token for the next page, or null on the last page.</param>
public sealed record OrchestrationQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
