namespace Dispatch.Durable.Worker;

/// <summary>Version rules of a worker, as in Durable Functions' <c>VersioningOptions</c>.</summary>
public sealed class VersioningOptions
{
    /// <summary>Gets or sets the worker's version; empty by default.</summary>
    public string Version { get; set; } = string.Empty;

    /// <summary>Gets or sets the version stamped on new instances that ask for none; empty by default.</summary>
    public string DefaultVersion { get; set; } = string.Empty;

    /// <summary>Gets or sets which instance versions this worker runs; <see cref="VersionMatchStrategy.None"/> by default.</summary>
    public VersionMatchStrategy MatchStrategy { get; set; } = VersionMatchStrategy.None;

    /// <summary>Gets or sets what happens to instances of other versions; <see cref="VersionFailureStrategy.Reject"/> by default.</summary>
    public VersionFailureStrategy FailureStrategy { get; set; } = VersionFailureStrategy.Reject;

    /// <summary>Returns whether this worker runs an instance of <paramref name="instanceVersion"/>.</summary>
    public bool Supports(string? instanceVersion) => MatchStrategy switch
    {
        VersionMatchStrategy.Strict => OrchestrationVersion.Compare(instanceVersion, Version) == 0,
        VersionMatchStrategy.CurrentOrOlder => OrchestrationVersion.Compare(instanceVersion, Version) <= 0,
        _ => true,
    };
}
