namespace Dispatch.Durable;

/// <summary>The untyped shape of an activity, used by the engine; derive from <see cref="TaskActivity{TInput, TOutput}"/>.</summary>
public interface ITaskActivity
{
    /// <summary>Gets the input type the engine deserialises to.</summary>
    Type InputType { get; }

    /// <summary>Gets the output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
