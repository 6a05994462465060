namespace Dispatch.Workflow.Lifecycle;

/// <summary>Unwinds whatever the orchestration was waiting for when HR recalls the secretary.</summary>
internal sealed class RecallRequestedException(LifecycleSignal signal) : Exception("The secretary was recalled.")
{
    public LifecycleSignal Signal { get; } = signal;
}
