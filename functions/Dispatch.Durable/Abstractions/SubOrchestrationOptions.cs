namespace Dispatch.Durable;

/// <summary>Options for a sub-orchestration: the child instance id and version, besides retries.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Creates options copying retry settings and tags from <paramref name="options"/>.</summary>
    public SubOrchestrationOptions(TaskOptions options)
        : base(options?.Retry)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tags = options.Tags;
        if (options is SubOrchestrationOptions sub)
        {
            InstanceId = sub.InstanceId;
            Version = sub.Version;
        }
    }

    /// <summary>Gets the child instance id; a deterministic new id when null.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Gets the child's version; the parent's version when null.</summary>
    public string? Version { get; init; }
}
