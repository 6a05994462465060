namespace Dispatch.Durable.Backend;

/// <summary>A claimed instance: its due inbox messages, in arrival order, under a lease that excludes other hosts.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="LeaseToken">The lease token; commits and releases must present it.</param>
/// <param name="Messages">The due messages claimed; the commit consumes exactly these.</param>
public sealed record OrchestrationWorkItem(string InstanceId, string LeaseToken, IReadOnlyList<OrchestrationMessage> Messages);
