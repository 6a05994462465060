namespace Dispatch.Durable.Worker;

/// <summary>Worker settings. Defaults suit a serverless host: cheap when idle, quick when busy.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Gets or sets the owner name written on leases; machine name and process id by default.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName}-{Environment.ProcessId}";

    /// <summary>Gets or sets the longest sleep between claims when nothing is due (one storage request per poll); 2 seconds by default, so an idle host makes about 30 requests a minute (never more than one a second unless set lower).</summary>
    public TimeSpan MaxIdlePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the lease of a claimed instance or activity; another host may take it over after this; 5 minutes by default.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how many instances one claim takes; 64 by default.</summary>
    public int MaxInstancesPerClaim { get; set; } = 64;

    /// <summary>Gets or sets how many activities one claim takes; 64 by default.</summary>
    public int MaxActivitiesPerClaim { get; set; } = 64;

    /// <summary>Gets or sets how many work items run at once; 2 × processor count by default (storage-bound backends may raise it).</summary>
    public int MaxConcurrentWorkItems { get; set; } = Math.Max(2, Environment.ProcessorCount * 2);

    /// <summary>Gets or sets how many instances' histories stay cached between steps (saves a load per step); 10,000 by default, 0 disables.</summary>
    public int HistoryCacheSize { get; set; } = 10_000;

    /// <summary>Gets or sets the delay before an instance of an unsupported version is offered again; 1 minute by default.</summary>
    public TimeSpan RejectedVersionRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the longest back-off after storage failures; 30 seconds by default.</summary>
    public TimeSpan MaxErrorBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the versioning rules.</summary>
    public VersioningOptions Versioning { get; } = new();

    /// <summary>Gets or sets the payload converter.</summary>
    public DataConverter DataConverter { get; set; } = JsonDataConverter.Default;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxIdlePollInterval, TimeSpan.Zero, nameof(MaxIdlePollInterval));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(LeaseDuration, TimeSpan.Zero, nameof(LeaseDuration));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxInstancesPerClaim, 1, nameof(MaxInstancesPerClaim));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxActivitiesPerClaim, 1, nameof(MaxActivitiesPerClaim));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConcurrentWorkItems, 1, nameof(MaxConcurrentWorkItems));
        ArgumentOutOfRangeException.ThrowIfNegative(HistoryCacheSize, nameof(HistoryCacheSize));
        ArgumentException.ThrowIfNullOrWhiteSpace(WorkerId, nameof(WorkerId));
    }
}
