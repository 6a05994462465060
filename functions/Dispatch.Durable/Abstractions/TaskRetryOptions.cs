namespace Dispatch.Durable;

/// <summary>How a task is retried: either a declarative <see cref="RetryPolicy"/> or a custom <see cref="AsyncRetryHandler"/>.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Creates options from a retry policy.</summary>
    public TaskRetryOptions(RetryPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
    }

    /// <summary>Creates options from a custom handler.</summary>
    public TaskRetryOptions(AsyncRetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Handler = handler;
    }

    /// <summary>Gets the policy, when retries are declarative.</summary>
    public RetryPolicy? Policy { get; }

    /// <summary>Gets the handler, when retries are custom.</summary>
    public AsyncRetryHandler? Handler { get; }

    /// <summary>Converts a policy to retry options.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => new(policy);

    /// <summary>Converts a policy to retry options.</summary>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}
