using Dispatch.Durable.Client;

namespace Dispatch.Durable.Worker.Execution;

/// <summary>What one episode produced.</summary>
internal sealed class ExecutionResult
{
    public List<HistoryEvent> NewEvents { get; } = [];

    /// <summary>Gets new scheduling actions, in task id order (activities, timers, sub-orchestrations, sent events).</summary>
    public List<HistoryEvent> NewActions { get; } = [];

    public List<int> CancelledTimerIds { get; } = [];

    /// <summary>Gets sub-orchestrations still open when the instance was terminated with recursion.</summary>
    public List<string> ChildrenToTerminate { get; } = [];

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Output { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public string? CustomStatus { get; set; }

    public Dictionary<string, string> BusinessKeys { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset? NextTimerAt { get; set; }

    public ContinueAsNewOptions? ContinueAsNew { get; set; }

    public string? ContinueAsNewInput { get; set; }

    /// <summary>Gets events carried into the next execution by a continue-as-new.</summary>
    public List<HistoryEvent> CarriedEvents { get; } = [];

    public bool IsFinished => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
