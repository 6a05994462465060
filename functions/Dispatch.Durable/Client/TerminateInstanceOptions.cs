namespace Dispatch.Durable.Client;

/// <summary>Options for a terminate.</summary>
/// <param name="Output">The output recorded on the terminated instance.</param>
/// <param name="Recursive">Also terminate running sub-orchestrations started by it.</param>
public sealed record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
