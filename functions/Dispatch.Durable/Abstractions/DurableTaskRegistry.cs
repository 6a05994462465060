using System.Reflection;

namespace Dispatch.Durable;

/// <summary>
/// Orchestrators and activities by name (case-insensitive). Orchestrators may also be registered per
/// version: an instance runs the registration for its exact version, else the one without a version.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<(TaskName Name, string Version), Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> _activities = [];

    /// <summary>Gets the registered orchestrator names.</summary>
    public IEnumerable<TaskName> OrchestratorNames => _orchestrators.Keys.Select(k => k.Name).Distinct();

    /// <summary>Gets the registered activity names.</summary>
    public IEnumerable<TaskName> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator class by its <see cref="DurableTaskAttribute"/> name (and version) or class name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>()
        where TOrchestrator : class, ITaskOrchestrator
    {
        var attribute = typeof(TOrchestrator).GetCustomAttribute<DurableTaskAttribute>();
        return AddOrchestrator(NameOf(typeof(TOrchestrator)), attribute?.Version ?? string.Empty, typeof(TOrchestrator));
    }

    /// <summary>Registers an orchestrator class under a name.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>(TaskName name)
        where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(name, string.Empty, typeof(TOrchestrator));

    /// <summary>Registers an orchestrator class for one version of a name.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, string version, Type orchestratorType)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        if (!typeof(ITaskOrchestrator).IsAssignableFrom(orchestratorType))
        {
            throw new ArgumentException($"Type '{orchestratorType}' does not implement {nameof(ITaskOrchestrator)}.", nameof(orchestratorType));
        }

        var factory = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateFactory(orchestratorType, Type.EmptyTypes);
        return AddOrchestrator(name, version, sp => (ITaskOrchestrator)factory(sp, null));
    }

    /// <summary>Registers an orchestrator factory.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AddOrchestrator(name, string.Empty, _ => factory());
    }

    /// <summary>Registers an orchestrator factory for one version of a name (empty: every version without its own registration).</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, string version, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(version);
        if (name.Name is null)
        {
            throw new ArgumentException("The orchestrator name is empty.", nameof(name));
        }

        if (!_orchestrators.TryAdd((name, version.ToUpperInvariant()), factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' with version '{version}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an orchestrator written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddOrchestrator(name, () => new FuncOrchestrator<TInput, TOutput>(implementation));
    }

    /// <summary>Registers an orchestrator without input written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddOrchestrator(name, () => new FuncOrchestrator<object?, TOutput>((context, _) => implementation(context)));
    }

    /// <summary>Registers an orchestrator without input or output written as a function.</summary>
    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        return AddOrchestrator(name, () => new FuncOrchestrator<object?, object?>(async (context, _) =>
        {
            await implementation(context);
            return null;
        }));
    }

    /// <summary>Registers an activity class (created from DI) by its <see cref="DurableTaskAttribute"/> name or class name.</summary>
    public DurableTaskRegistry AddActivity<TActivity>()
        where TActivity : class, ITaskActivity =>
        AddActivity(NameOf(typeof(TActivity)), typeof(TActivity));

    /// <summary>Registers an activity class (created from DI) under a name.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        if (!typeof(ITaskActivity).IsAssignableFrom(activityType))
        {
            throw new ArgumentException($"Type '{activityType}' does not implement {nameof(ITaskActivity)}.", nameof(activityType));
        }

        var factory = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateFactory(activityType, Type.EmptyTypes);
        return AddActivity(name, sp => (ITaskActivity)factory(sp, null));
    }

    /// <summary>Registers an activity factory given the execution's scoped services.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (name.Name is null)
        {
            throw new ArgumentException("The activity name is empty.", nameof(name));
        }

        if (!_activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers an asynchronous activity written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, TOutput>(implementation);
        return AddActivity(name, _ => activity);
    }

    /// <summary>Registers a synchronous activity written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, TOutput>((context, input) => Task.FromResult(implementation(context, input)));
        return AddActivity(name, _ => activity);
    }

    /// <summary>Registers an asynchronous activity without output written as a function.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> implementation)
    {
        ArgumentNullException.ThrowIfNull(implementation);
        var activity = new FuncActivity<TInput, object?>(async (context, input) =>
        {
            await implementation(context, input);
            return null;
        });
        return AddActivity(name, _ => activity);
    }

    /// <summary>Returns the orchestrator factory for a name and version, or null.</summary>
    public Func<IServiceProvider, ITaskOrchestrator>? FindOrchestrator(TaskName name, string? version)
    {
        if (!string.IsNullOrEmpty(version) && _orchestrators.TryGetValue((name, version.ToUpperInvariant()), out var exact))
        {
            return exact;
        }

        return _orchestrators.GetValueOrDefault((name, string.Empty));
    }

    /// <summary>Returns the activity factory for a name, or null.</summary>
    public Func<IServiceProvider, ITaskActivity>? FindActivity(TaskName name) => _activities.GetValueOrDefault(name);

    private static TaskName NameOf(Type type) => type.GetCustomAttribute<DurableTaskAttribute>()?.Name is { Length: > 0 } name ? name : type.Name;

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> implementation) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => implementation(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> implementation) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => implementation(context, input);
    }
}
