namespace Dispatch.Durable.Backend;

/// <summary>One page of instance rows.</summary>
/// <param name="Instances">The rows, ordered by instance id.</param>
/// <param name="ContinuationToken">The token for the next page, or null.</param>
public sealed record InstanceQueryPage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
