namespace Dispatch.Durable;

/// <summary>History event kinds; the names and integer values follow DurableTask.Core's <c>EventType</c>.</summary>
public enum HistoryEventType
{
    /// <summary>An execution started (carries name, version, input, tags, parent).</summary>
    ExecutionStarted = 0,

    /// <summary>The execution completed with an output.</summary>
    ExecutionCompleted = 1,

    /// <summary>The execution failed.</summary>
    ExecutionFailed = 2,

    /// <summary>The instance was terminated.</summary>
    ExecutionTerminated = 3,

    /// <summary>The orchestrator scheduled an activity.</summary>
    TaskScheduled = 4,

    /// <summary>An activity completed.</summary>
    TaskCompleted = 5,

    /// <summary>An activity failed.</summary>
    TaskFailed = 6,

    /// <summary>The orchestrator started a sub-orchestration.</summary>
    SubOrchestrationInstanceCreated = 7,

    /// <summary>A sub-orchestration completed.</summary>
    SubOrchestrationInstanceCompleted = 8,

    /// <summary>A sub-orchestration failed.</summary>
    SubOrchestrationInstanceFailed = 9,

    /// <summary>The orchestrator created a durable timer.</summary>
    TimerCreated = 10,

    /// <summary>A durable timer fired.</summary>
    TimerFired = 11,

    /// <summary>A step began; its timestamp is the replay-safe current time.</summary>
    OrchestratorStarted = 12,

    /// <summary>A step ended.</summary>
    OrchestratorCompleted = 13,

    /// <summary>The orchestrator sent an event to another instance.</summary>
    EventSent = 14,

    /// <summary>An external event arrived.</summary>
    EventRaised = 15,

    /// <summary>The execution continued as new.</summary>
    ContinueAsNew = 16,

    /// <summary>The instance was suspended.</summary>
    ExecutionSuspended = 19,

    /// <summary>The instance was resumed.</summary>
    ExecutionResumed = 20,
}
