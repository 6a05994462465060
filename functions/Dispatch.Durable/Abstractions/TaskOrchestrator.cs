namespace Dispatch.Durable;

/// <summary>
/// Base class of an orchestrator. Register it with <see cref="DurableTaskRegistry.AddOrchestrator{TOrchestrator}()"/>;
/// its name is the <see cref="DurableTaskAttribute"/> name or the class name.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <inheritdoc />
    public Type OutputType => typeof(TOutput);

    /// <summary>Runs the orchestration. Must be deterministic: replay re-executes it.</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    /// <inheritdoc />
    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
