using Dispatch.Durable.Backend;
using Dispatch.Durable.Storage.InMemory;
using Dispatch.Durable.Worker;

namespace Dispatch.Durable;

/// <summary>Engine settings for <see cref="DurableTaskServiceCollectionExtensions.AddDurableTask"/>.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>Gets or sets the task hub name; backends prefix their tables with it. <c>dispatch</c> by default.</summary>
    public string HubName { get; set; } = "dispatch";

    /// <summary>Gets the worker settings.</summary>
    public DurableTaskWorkerOptions Worker { get; } = new();

    /// <summary>Gets or sets whether the worker runs as a hosted service; true by default. Turn off for client-only processes or when something else calls <see cref="DurableTaskWorker.DrainDueWorkAsync"/>.</summary>
    public bool EnableWorker { get; set; } = true;

    /// <summary>Gets the backend factory; the in-memory backend when none was chosen.</summary>
    public Func<IServiceProvider, TimeProvider, IOrchestrationBackend> BackendFactory { get; private set; } = static (_, time) => new InMemoryOrchestrationBackend(time);

    /// <summary>Chooses the in-memory backend.</summary>
    public DurableTaskOptions UseInMemoryBackend()
    {
        BackendFactory = static (_, time) => new InMemoryOrchestrationBackend(time);
        return this;
    }

    /// <summary>Chooses a backend built from services and the clock.</summary>
    public DurableTaskOptions UseBackend(Func<IServiceProvider, TimeProvider, IOrchestrationBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        BackendFactory = factory;
        return this;
    }
}
