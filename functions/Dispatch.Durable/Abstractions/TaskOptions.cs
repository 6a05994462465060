namespace Dispatch.Durable;

/// <summary>Options for an activity or sub-orchestration call.</summary>
public record TaskOptions
{
    /// <summary>Creates options, optionally with retries.</summary>
    public TaskOptions(TaskRetryOptions? retry = null)
    {
        Retry = retry;
    }

    /// <summary>Gets the retry options; none by default.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Gets tags passed to a sub-orchestration instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Creates options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Creates options that retry through <paramref name="handler"/>.</summary>
    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(new TaskRetryOptions(handler));

    /// <summary>Returns sub-orchestration options with the given child instance id.</summary>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this) { InstanceId = instanceId };
}
