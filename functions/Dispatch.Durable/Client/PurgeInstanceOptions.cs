namespace Dispatch.Durable.Client;

/// <summary>Options for a purge.</summary>
/// <param name="Recursive">Also purge sub-orchestrations; not supported, must be false (as in Durable Functions).</param>
public sealed record PurgeInstanceOptions(bool Recursive = false);
