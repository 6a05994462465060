using Dispatch.Durable.Backend;

namespace Dispatch.Functions.Hosting;

/// <summary>
/// Creates the engine's tables at start. The worker does this itself, but with the manual clock the worker
/// does not run as a service, and the first start request would otherwise hit a missing table.
/// </summary>
internal sealed class EngineStorageInitializer(IOrchestrationBackend backend) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => backend.EnsureCreatedAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
