namespace Dispatch.Durable.Worker;

/// <summary>
/// In-process wake-up: a client in the same process pulses it after writing work, and the worker's idle
/// sleep ends at once instead of at the next poll. Other processes' work is found by the poll.
/// </summary>
internal sealed class WorkSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _pulse = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes every current waiter.</summary>
    public void Pulse()
    {
        TaskCompletionSource pulsed;
        lock (_gate)
        {
            pulsed = _pulse;
            _pulse = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        pulsed.TrySetResult();
    }

    /// <summary>Returns a task that completes at the next pulse.</summary>
    public Task NextPulse
    {
        get
        {
            lock (_gate)
            {
                return _pulse.Task;
            }
        }
    }

    /// <summary>Waits for a pulse or until <paramref name="delay"/> has passed on <paramref name="timeProvider"/>.</summary>
    public Task WaitAsync(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        WaitAsync(NextPulse, delay, timeProvider, cancellationToken);

    /// <summary>
    /// Waits for <paramref name="pulse"/> (taken from <see cref="NextPulse"/> before looking for work, so a
    /// pulse sent meanwhile is not missed) or until <paramref name="delay"/> has passed.
    /// </summary>
    public async Task WaitAsync(Task pulse, TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (pulse.IsCompleted || delay <= TimeSpan.Zero)
        {
            return;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sleep = Task.Delay(delay, timeProvider, cancel.Token);
        await Task.WhenAny(pulse, sleep);
        await cancel.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
