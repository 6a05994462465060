using System.Reflection;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Durable.Testing;

/// <summary>
/// A time-skipping host for tests: a worker over a backend (in memory by default, or Azurite) and a fake
/// clock. Nothing runs in the background: <see cref="RunUntilIdleAsync"/> processes what is due,
/// <see cref="AdvanceAsync"/> jumps the clock from due time to due time, and the client's
/// <c>WaitForInstance…Async</c> skip time on their own — two years of monthly timers take milliseconds.
/// </summary>
public sealed class DurableTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Action<DateTimeOffset> _setUtcNow;
    private readonly TimeSpan _maxSkip;

    private DurableTestHost(ServiceProvider services, Action<DateTimeOffset> setUtcNow, TimeSpan maxSkip)
    {
        _services = services;
        _setUtcNow = setUtcNow;
        _maxSkip = maxSkip;
        TimeProvider = services.GetRequiredService<TimeProvider>();
        Backend = services.GetRequiredService<IOrchestrationBackend>();
        Worker = services.GetRequiredService<DurableTaskWorker>();
        Client = services.GetRequiredService<DurableTaskClient>();
    }

    /// <summary>Gets the client; its waits skip time.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Gets the services (activities resolve their dependencies here).</summary>
    public IServiceProvider Services => _services;

    /// <summary>Gets the backend.</summary>
    public IOrchestrationBackend Backend { get; }

    /// <summary>Gets the worker.</summary>
    public DurableTaskWorker Worker { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the current time of the clock.</summary>
    public DateTimeOffset UtcNow => TimeProvider.GetUtcNow();

    /// <summary>Starts a host with the orchestrators and activities <paramref name="configure"/> registers.</summary>
    public static async Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> configure, DurableTestHostOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        options ??= new DurableTestHostOptions();
        var clock = options.TimeProvider ?? new ManualTimeProvider();
        var setUtcNow = options.SetUtcNow ?? FindSetter(clock);
        var waiter = new SkippingWaiter();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddSingleton<IInstanceWaiter>(waiter);
        options.ConfigureServices?.Invoke(services);
        services.AddDurableTask(
            o =>
            {
                o.EnableWorker = false;
                if (options.Backend is { } backend)
                {
                    o.UseBackend((_, time) => backend(time));
                }

                options.ConfigureWorker?.Invoke(o.Worker);
            },
            configure);
        var host = new DurableTestHost(services.BuildServiceProvider(), setUtcNow, options.MaxSkip);
        waiter.Host = host;
        await host.Backend.EnsureCreatedAsync(cancellationToken);
        return host;
    }

    /// <summary>Processes everything due at the current time, including work that becomes due as a result.</summary>
    public Task<DrainResult> RunUntilIdleAsync(CancellationToken cancellationToken = default) =>
        Worker.DrainDueWorkAsync(TimeSpan.MaxValue, cancellationToken);

    /// <summary>Moves the clock forward by <paramref name="delta"/>, stopping at every due time on the way to process it.</summary>
    public Task AdvanceAsync(TimeSpan delta, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        return AdvanceToAsync(UtcNow + delta, cancellationToken);
    }

    /// <summary>Moves the clock to <paramref name="target"/>, stopping at every due time on the way to process it.</summary>
    public async Task AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var result = await RunUntilIdleAsync(cancellationToken);
            if (result.NextDueAt is not { } due || due > target)
            {
                break;
            }

            if (due > UtcNow)
            {
                _setUtcNow(due);
            }
        }

        if (target > UtcNow)
        {
            _setUtcNow(target);
        }

        await RunUntilIdleAsync(cancellationToken);
    }

    /// <summary>Runs (skipping time) until the instance is Completed, Failed or Terminated, and returns it with payloads.</summary>
    public Task<OrchestrationMetadata> RunToCompletionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static Action<DateTimeOffset> FindSetter(TimeProvider clock)
    {
        var method = clock.GetType().GetMethod("SetUtcNow", BindingFlags.Public | BindingFlags.Instance, [typeof(DateTimeOffset)]);
        if (method is null)
        {
            throw new ArgumentException($"Clock {clock.GetType()} has no public SetUtcNow(DateTimeOffset); pass {nameof(DurableTestHostOptions)}.{nameof(DurableTestHostOptions.SetUtcNow)}.", nameof(clock));
        }

        return value => method.Invoke(clock, [value]);
    }

    /// <summary>Waits by doing the work: run what is due, else jump to the next due time.</summary>
    private sealed class SkippingWaiter : IInstanceWaiter
    {
        public DurableTestHost? Host { get; set; }

        public Task BeginWait() => Task.CompletedTask;

        public async Task WaitAsync(string instanceId, Task begun, CancellationToken cancellationToken)
        {
            var host = Host ?? throw new InvalidOperationException("The test host is not started.");
            var start = host.UtcNow;
            var result = await host.RunUntilIdleAsync(cancellationToken);
            if (result.OrchestrationSteps + result.ActivitiesExecuted > 0)
            {
                return;
            }

            if (result.NextDueAt is { } due && due - start <= host._maxSkip)
            {
                if (due > host.UtcNow)
                {
                    host._setUtcNow(due);
                }

                return;
            }

            throw new InvalidOperationException($"Instance '{instanceId}' waits for something that never comes: no work is due at {host.UtcNow:O} or later (an external event nobody raises?).");
        }
    }
}
