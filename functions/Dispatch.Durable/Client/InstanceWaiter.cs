namespace Dispatch.Durable.Client;

/// <summary>How a client waits between two looks at an instance: real hosts sleep or get woken, the test host skips time.</summary>
internal interface IInstanceWaiter
{
    /// <summary>Returns a token taken before the client looks at the instance, so a change made meanwhile is not missed.</summary>
    Task BeginWait();

    /// <summary>Waits until the instance may have changed since <paramref name="begun"/> was taken.</summary>
    Task WaitAsync(string instanceId, Task begun, CancellationToken cancellationToken);
}
