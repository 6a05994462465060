using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Durable;

/// <summary>Registers the engine in dependency injection.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Registers the backend (<see cref="IOrchestrationBackend"/>), the registry, the
    /// <see cref="DurableTaskWorker"/> (also as a hosted service unless disabled) and the
    /// <see cref="DurableTaskClient"/>. Uses the registered <see cref="TimeProvider"/>, or the system clock.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskOptions> configure, Action<DurableTaskRegistry> registry)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        ArgumentNullException.ThrowIfNull(registry);
        var options = new DurableTaskOptions();
        configure(options);
        options.Worker.Validate();
        ArgumentException.ThrowIfNullOrWhiteSpace(options.HubName, nameof(configure));
        var tasks = new DurableTaskRegistry();
        registry(tasks);

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(tasks);
        services.AddSingleton(sp => options.BackendFactory(sp, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DurableTaskWorker(
            sp.GetRequiredService<IOrchestrationBackend>(),
            tasks,
            sp,
            options.Worker,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton<DurableTaskClient>(sp => new BackendDurableTaskClient(
            options.HubName,
            sp.GetRequiredService<IOrchestrationBackend>(),
            options.Worker.DataConverter,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<DurableTaskWorker>().Signal,
            options.Worker.Versioning.DefaultVersion,
            sp.GetService<IInstanceWaiter>()));
        if (options.EnableWorker)
        {
            services.AddHostedService(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
