using Dispatch.Durable.Backend;
using Dispatch.Workflow.Storage;

namespace Dispatch.Functions.Hosting;

/// <summary>
/// Creates the engine's tables without holding up the start: the creation runs in the background while
/// Kestrel starts, and every request that may touch storage awaits it (<see cref="WhenCreatedAsync"/>), so
/// the first request on a fresh storage account still finds its tables. A failed creation (storage down at
/// start) is retried by the next caller instead of stopping the host, so <c>/health</c> can report it.
/// When the host is its tables' only writer, the same start loads the in-memory copies (instance rows in
/// the engine, the workflow's tables through <paramref name="warmUp"/>), so no request reads them cold.
/// </summary>
internal sealed partial class EngineStorageInitializer(IOrchestrationBackend backend, ILogger<EngineStorageInitializer> logger, IWorkflowStorageWarmUp? warmUp = null) : IHostedService
{
    private readonly Lock _gate = new();
    private Task? _creation;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Observed here so a failure at start is logged once and never surfaces as an unobserved task.
        _ = Current().ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Completes once the engine's tables exist; starts a new attempt when the last one failed.</summary>
    /// <param name="cancellationToken">Stops the wait (not the creation, which other callers may share).</param>
    public Task WhenCreatedAsync(CancellationToken cancellationToken = default)
    {
        var creation = Current();
        return creation.IsCompletedSuccessfully ? Task.CompletedTask : creation.WaitAsync(cancellationToken);
    }

    private Task Current()
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            return _creation;
        }
    }

    private async Task CreateAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            await backend.EnsureCreatedAsync(CancellationToken.None);
            if (warmUp is not null)
            {
                await warmUp.WarmUpAsync(CancellationToken.None);
            }
            LogCreated(logger, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailed(logger, ex);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine tables ready after {Milliseconds:0} ms")]
    private static partial void LogCreated(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Creating the engine tables or loading the in-memory copies failed; the next request that needs storage retries")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
