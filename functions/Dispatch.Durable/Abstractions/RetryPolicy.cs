namespace Dispatch.Durable;

/// <summary>
/// Retry with exponential back-off for activities and sub-orchestrations. The delays are durable timers
/// inside the orchestration, so a back-off survives restarts and shows in history.
/// </summary>
public sealed class RetryPolicy
{
    /// <summary>Creates a retry policy; validation matches Microsoft.DurableTask.</summary>
    /// <param name="maxNumberOfAttempts">Attempts in total, at least 1.</param>
    /// <param name="firstRetryInterval">Delay before the first retry; greater than zero.</param>
    /// <param name="backoffCoefficient">Factor applied to each following delay; at least 1.0.</param>
    /// <param name="maxRetryInterval">Cap on one delay; at least <paramref name="firstRetryInterval"/>; 1 hour by default.</param>
    /// <param name="retryTimeout">Total time after the first attempt within which retries start; at least <paramref name="firstRetryInterval"/>; infinite by default.</param>
    public RetryPolicy(int maxNumberOfAttempts, TimeSpan firstRetryInterval, double backoffCoefficient = 1.0, TimeSpan? maxRetryInterval = null, TimeSpan? retryTimeout = null)
    {
        if (maxNumberOfAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxNumberOfAttempts), maxNumberOfAttempts, "The number of attempts must be at least 1.");
        }

        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be greater than zero.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The back-off coefficient must be at least 1.0.");
        }

        var max = maxRetryInterval ?? TimeSpan.FromHours(1);
        if (max != Timeout.InfiniteTimeSpan && max < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), maxRetryInterval, "The maximum retry interval must be at least the first retry interval.");
        }

        var timeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
        if (timeout != Timeout.InfiniteTimeSpan && timeout < firstRetryInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), retryTimeout, "The retry timeout must be at least the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = max;
        RetryTimeout = timeout;
    }

    /// <summary>Gets the number of attempts in total.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>Gets the delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>Gets the back-off coefficient.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>Gets the cap on one delay (<see cref="Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>Gets the total retry budget (<see cref="Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Gets or sets a predicate deciding from the stored failure whether to retry; retries every failure by default.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure { get; init; } = static _ => true;

    /// <summary>
    /// Returns the delay before the retry that follows attempt <paramref name="attempt"/> (1-based), or
    /// null when the retry timeout leaves no room. Pure, so replay computes the same value.
    /// </summary>
    public TimeSpan? GetNextDelay(int attempt, TimeSpan elapsedSinceFirstAttempt)
    {
        if (attempt >= MaxNumberOfAttempts)
        {
            return null;
        }

        var ticks = FirstRetryInterval.Ticks * Math.Pow(BackoffCoefficient, attempt - 1);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        if (MaxRetryInterval != Timeout.InfiniteTimeSpan && delay > MaxRetryInterval)
        {
            delay = MaxRetryInterval;
        }

        if (RetryTimeout != Timeout.InfiniteTimeSpan && elapsedSinceFirstAttempt + delay > RetryTimeout)
        {
            return null;
        }

        return delay;
    }
}
