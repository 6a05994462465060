using System.Globalization;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Worker.Execution;

namespace Dispatch.Durable.Worker;

/// <summary>Turns an episode's result into the atomic commit of the step, with deterministic message ids.</summary>
internal static class StepBuilder
{
    public static OrchestrationStepCommit Build(OrchestrationWorkItem workItem, InstanceSnapshot snapshot, ExecutionResult result, DateTimeOffset now, bool keepLease)
    {
        var instance = snapshot.Instance;
        var executionId = instance.ExecutionId;
        var activities = new List<ActivityWorkItem>();
        var local = new List<OrchestrationMessage>();
        var outbound = new List<OrchestrationMessage>();
        var continuing = result.ContinueAsNew is not null && !result.IsFinished;

        foreach (var action in result.NewActions)
        {
            var id = MessageId(executionId, action.EventId);
            switch (action.EventType)
            {
                case HistoryEventType.TaskScheduled:
                    activities.Add(new ActivityWorkItem
                    {
                        Id = id,
                        InstanceId = instance.InstanceId,
                        ExecutionId = executionId,
                        TaskId = action.EventId,
                        Name = action.Name!,
                        Input = action.Input,
                        Version = action.Version,
                    });
                    break;
                case HistoryEventType.TimerCreated when !continuing && !result.IsFinished:
                    local.Add(new OrchestrationMessage
                    {
                        MessageId = id,
                        InstanceId = instance.InstanceId,
                        ExecutionId = executionId,
                        DueAt = action.FireAt,
                        Event = new HistoryEvent { EventType = HistoryEventType.TimerFired, Timestamp = now, TaskScheduledId = action.EventId, FireAt = action.FireAt },
                    });
                    break;
                case HistoryEventType.SubOrchestrationInstanceCreated:
                    outbound.Add(new OrchestrationMessage
                    {
                        MessageId = id,
                        InstanceId = action.InstanceId!,
                        Event = new HistoryEvent
                        {
                            EventType = HistoryEventType.ExecutionStarted,
                            Timestamp = now,
                            Name = action.Name,
                            Version = action.Version,
                            Input = action.Input,
                            Tags = action.Tags,
                            ExecutionId = ChildExecutionId(executionId, action.EventId),
                            Parent = new ParentOrchestrationInstance(instance.Name, instance.InstanceId, executionId, action.EventId),
                        },
                    });
                    break;
                case HistoryEventType.EventSent:
                    outbound.Add(new OrchestrationMessage
                    {
                        MessageId = id,
                        InstanceId = action.InstanceId!,
                        Event = new HistoryEvent { EventType = HistoryEventType.EventRaised, Timestamp = now, Name = action.Name, Input = action.Input },
                    });
                    break;
                default:
                    break;
            }
        }

        foreach (var child in result.ChildrenToTerminate)
        {
            outbound.Add(new OrchestrationMessage
            {
                MessageId = $"{executionId}:terminate:{child}",
                InstanceId = child,
                Event = new HistoryEvent { EventType = HistoryEventType.ExecutionTerminated, Timestamp = now, Reason = "Parent terminated.", Recursive = true },
            });
        }

        if (instance.Parent is { } parent && result.IsFinished)
        {
            outbound.Add(ParentResult(instance, parent, result, now));
        }

        var status = result.Status;
        var newRecord = instance with
        {
            RuntimeStatus = status,
            LastUpdatedAt = now,
            CustomStatus = result.CustomStatus,
            BusinessKeys = result.BusinessKeys,
            NextTimerAt = result.NextTimerAt,
            Output = result.IsFinished ? result.Output : instance.Output,
            FailureDetails = result.Failure,
            CompletedAt = result.IsFinished ? now : null,
            HistoryLength = snapshot.History.Count + result.NewEvents.Count,
        };

        var replace = false;
        var history = (IReadOnlyList<HistoryEvent>)result.NewEvents;
        if (continuing)
        {
            // Continue-as-new: a fresh execution with an empty history; its start and the carried events
            // are messages to itself, so anything that arrives meanwhile simply queues behind them.
            var options = result.ContinueAsNew!;
            var nextExecution = ChildExecutionId(executionId, -1);
            var version = options.NewVersion ?? instance.Version;
            newRecord = newRecord with
            {
                ExecutionId = nextExecution,
                Version = version,
                Input = result.ContinueAsNewInput,
                Output = null,
                Generation = instance.Generation + 1,
                NextTimerAt = null,
                HistoryLength = 0,
            };
            replace = true;
            history = [];
            local.Add(new OrchestrationMessage
            {
                MessageId = $"{nextExecution}:start",
                InstanceId = instance.InstanceId,
                ExecutionId = nextExecution,
                Event = new HistoryEvent
                {
                    EventType = HistoryEventType.ExecutionStarted,
                    Timestamp = now,
                    Name = instance.Name,
                    Version = version,
                    Input = result.ContinueAsNewInput,
                    ExecutionId = nextExecution,
                    Parent = instance.Parent,
                    Tags = instance.Tags,
                },
            });
            for (var i = 0; i < result.CarriedEvents.Count; i++)
            {
                local.Add(new OrchestrationMessage
                {
                    MessageId = $"{nextExecution}:carried:{i.ToString(CultureInfo.InvariantCulture)}",
                    InstanceId = instance.InstanceId,
                    Event = result.CarriedEvents[i],
                });
            }
        }

        return new OrchestrationStepCommit
        {
            WorkItem = workItem,
            ExpectedETag = snapshot.ETag,
            Instance = newRecord,
            ReplaceHistory = replace,
            NewHistory = history,
            NewActivities = activities,
            LocalMessages = local,
            OutboundMessages = outbound,
            CancelledMessageIds = result.CancelledTimerIds.Select(id => MessageId(executionId, id)).ToList(),
            KeepLease = keepLease,
        };
    }

    /// <summary>A commit that only records a failure (non-determinism, unsupported version), keeping the history.</summary>
    public static OrchestrationStepCommit Failure(OrchestrationWorkItem workItem, InstanceSnapshot snapshot, IReadOnlyList<HistoryEvent> consumed, TaskFailureDetails failure, DateTimeOffset now)
    {
        var instance = snapshot.Instance;
        var events = new List<HistoryEvent> { new() { EventType = HistoryEventType.OrchestratorStarted, Timestamp = now } };
        events.AddRange(consumed);
        events.Add(new HistoryEvent { EventType = HistoryEventType.ExecutionFailed, Timestamp = now, FailureDetails = failure });
        events.Add(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = now });
        var result = new ExecutionResult { Status = OrchestrationRuntimeStatus.Failed, Failure = failure, CustomStatus = instance.CustomStatus };
        foreach (var (key, value) in instance.BusinessKeys)
        {
            result.BusinessKeys[key] = value;
        }

        var commit = Build(workItem, snapshot, result, now, keepLease: false);
        return commit with { NewHistory = events, Instance = commit.Instance with { HistoryLength = snapshot.History.Count + events.Count } };
    }

    public static string MessageId(string executionId, int taskId) => string.Concat(executionId, ":", taskId.ToString(CultureInfo.InvariantCulture));

    private static string ChildExecutionId(string executionId, int taskId) =>
        DeterministicGuid.Create(DeterministicGuid.DurableTaskNamespace, MessageId(executionId, taskId)).ToString("N");

    private static OrchestrationMessage ParentResult(InstanceRecord instance, ParentOrchestrationInstance parent, ExecutionResult result, DateTimeOffset now)
    {
        var failure = result.Status switch
        {
            OrchestrationRuntimeStatus.Failed => result.Failure,
            OrchestrationRuntimeStatus.Terminated => new TaskFailureDetails("Dispatch.Durable.OrchestrationTerminated", $"Sub-orchestration '{instance.InstanceId}' was terminated."),
            _ => null,
        };
        var e = failure is null
            ? new HistoryEvent { EventType = HistoryEventType.SubOrchestrationInstanceCompleted, Timestamp = now, TaskScheduledId = parent.TaskScheduledId, Result = result.Output }
            : new HistoryEvent { EventType = HistoryEventType.SubOrchestrationInstanceFailed, Timestamp = now, TaskScheduledId = parent.TaskScheduledId, FailureDetails = failure };
        return new OrchestrationMessage
        {
            MessageId = $"{instance.ExecutionId}:result",
            InstanceId = parent.InstanceId,
            ExecutionId = parent.ExecutionId,
            Event = e,
        };
    }
}
