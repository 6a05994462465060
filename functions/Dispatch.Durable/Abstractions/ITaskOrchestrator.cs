namespace Dispatch.Durable;

/// <summary>The untyped shape of an orchestrator, used by the engine; derive from <see cref="TaskOrchestrator{TInput, TOutput}"/>.</summary>
public interface ITaskOrchestrator
{
    /// <summary>Gets the input type the engine deserialises to.</summary>
    Type InputType { get; }

    /// <summary>Gets the output type.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
