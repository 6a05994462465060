namespace Dispatch.Durable.Client;

/// <summary>How a client waits between two looks at an instance: real hosts sleep or get woken, the test host skips time.</summary>
internal interface IInstanceWaiter
{
    /// <summary>Waits until the instance may have changed.</summary>
    Task WaitAsync(string instanceId, CancellationToken cancellationToken);
}
