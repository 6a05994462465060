namespace Dispatch.Workflow.Lifecycle;

/// <summary>The outcome of starting an assignment.</summary>
/// <param name="AssignmentId">The assignment (and orchestration instance) id.</param>
/// <param name="Created">False when the same start had already been made: nothing new was created.</param>
public sealed record StartResult(string AssignmentId, bool Created);
