namespace Dispatch.Workflow.Lifecycle;

/// <summary>Where the next execution of the orchestration resumes.</summary>
internal enum LifecyclePhase
{
    Start,
    Term,
    HandingOver,
}
