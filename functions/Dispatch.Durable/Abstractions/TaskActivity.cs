namespace Dispatch.Durable;

/// <summary>
/// Base class of an activity: ordinary code with I/O, run at least once per call. Instances are created
/// from dependency injection (constructor injection, one scope per execution).
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TOutput">The output type.</typeparam>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <inheritdoc />
    public Type OutputType => typeof(TOutput);

    /// <summary>Runs the activity. May run more than once for one call: make effects idempotent by (instance id, task id).</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    /// <inheritdoc />
    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input);
}
