namespace Dispatch.Durable;

/// <summary>A custom retry loop run inside the orchestration: return true to try again. Await durable timers on the context for back-off.</summary>
public delegate Task<bool> AsyncRetryHandler(RetryContext retryContext);
