using Dispatch.Durable.Worker;

namespace Dispatch.Functions.CustomHandler;

/// <summary>Finds the due-work drainer for the timer function.</summary>
internal static class DueWorkDrainerResolver
{
    /// <summary>
    /// A registered <see cref="IDueWorkDrainer"/>, else the engine's <see cref="DurableTaskWorker"/>, else null
    /// (a host without the engine).
    /// </summary>
    public static IDueWorkDrainer? Resolve(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<IDueWorkDrainer>() is { } drainer)
        {
            return drainer;
        }

        return services.GetService<DurableTaskWorker>() is { } worker ? new DurableTaskWorkerDrainer(worker) : null;
    }
}
