using System.Globalization;
using Dispatch.Durable.Client;
using Microsoft.Extensions.Logging;

namespace Dispatch.Durable.Worker.Execution;

/// <summary>
/// The context handed to orchestrator code and the replay engine behind it. One instance per episode:
/// it re-runs the code over the recorded history (matching every action the code takes with the
/// recorded one), then over the new events, and reports the new actions and the new state.
/// </summary>
internal sealed class ReplayOrchestrationContext : TaskOrchestrationContext
{
    private const int MaxCustomStatusBytes = 16 * 1024;

    private readonly ExecutionRequest _request;
    private readonly ITaskOrchestrator? _orchestrator;
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly OrchestrationSynchronizationContext _sync = new();
    private readonly SortedDictionary<int, PendingAction> _pending = [];
    private readonly Dictionary<int, OpenTask> _open = [];
    private readonly Dictionary<string, List<EventWaiter>> _waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> _buffered = [];
    private readonly List<HistoryEvent> _suspendedEvents = [];
    private readonly List<HistoryEvent> _afterContinueAsNew = [];
    private ExecutionResult _result = new();
    private int _nextTaskId;
    private int _guidCounter;
    private int _sequence;
    private DateTimeOffset _now;
    private bool _isReplaying;
    private bool _suspended;
    private bool _started;
    private HistoryEvent? _startedEvent;
    private HistoryEvent? _terminated;
    private Task<object?>? _code;
    private string? _version;

    public ReplayOrchestrationContext(ExecutionRequest request, ITaskOrchestrator? orchestrator, DataConverter converter, ILoggerFactory loggerFactory)
    {
        _request = request;
        _orchestrator = orchestrator;
        _converter = converter;
        _loggerFactory = loggerFactory;
        _result.CustomStatus = request.CustomStatus;
        foreach (var (key, value) in request.BusinessKeys)
        {
            _result.BusinessKeys[key] = value;
        }
    }

    public override TaskName Name => _startedEvent?.Name ?? "unknown";

    public override string InstanceId => _request.InstanceId;

    public override ParentOrchestrationInstance? Parent => _startedEvent?.Parent;

    public override DateTime CurrentUtcDateTime => _now.UtcDateTime;

    public override bool IsReplaying => _isReplaying;

    public override string Version => _version ?? string.Empty;

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    /// <summary>Replays the recorded history, then runs the new events. Throws <see cref="NonDeterministicOrchestrationException"/> on a history mismatch.</summary>
    public ExecutionResult Execute()
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        try
        {
            _isReplaying = true;
            var past = _request.PastEvents;
            for (var i = 0; i < past.Count; i++)
            {
                _sequence = i;
                Process(past[i]);
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        return RunEpisode(_request.NewEvents, _request.Now);
    }

    /// <summary>
    /// Runs the next episode on this live context without replaying (a cached session). Only valid after
    /// the previous episode was committed (<see cref="MarkCommitted"/>) and did not finish the execution.
    /// </summary>
    public ExecutionResult Continue(IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now)
    {
        var previous = _result;
        _result = new ExecutionResult { CustomStatus = previous.CustomStatus };
        foreach (var (key, value) in previous.BusinessKeys)
        {
            _result.BusinessKeys[key] = value;
        }

        return RunEpisode(newEvents, now);
    }

    /// <summary>Records that the last episode's actions are now history, so the next episode does not emit them again.</summary>
    public void MarkCommitted() => _pending.Clear();

    private ExecutionResult RunEpisode(IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now)
    {
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(_sync);
        try
        {
            _isReplaying = false;
            _now = now;
            Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = _now });
            foreach (var e in newEvents)
            {
                Append(e);
                Process(e);
            }

            Finish();
            return _result;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    public override T? GetInput<T>()
        where T : default => _converter.Deserialize<T>(_startedEvent?.Input);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var serialized = _converter.Serialize(input);
        return WithRetry(options?.Retry, name.Name, () =>
        {
            var id = _nextTaskId++;
            var task = new OpenTask<TResult>(name.Name, id, _converter);
            _open[id] = task;
            Emit(new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = id, Name = name.Name, Input = serialized, Version = Version });
            return task.Source.Task;
        });
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var serialized = _converter.Serialize(input);
        var sub = options as SubOrchestrationOptions;
        return WithRetry(options?.Retry, orchestratorName.Name, () =>
        {
            var childId = sub?.InstanceId ?? NewGuid().ToString();
            var id = _nextTaskId++;
            var task = new OpenTask<TResult>(orchestratorName.Name, id, _converter) { ChildInstanceId = childId };
            _open[id] = task;
            Emit(new HistoryEvent
            {
                EventType = HistoryEventType.SubOrchestrationInstanceCreated,
                EventId = id,
                Name = orchestratorName.Name,
                InstanceId = childId,
                Input = serialized,
                Version = sub?.Version ?? Version,
                Tags = options?.Tags,
            });
            return task.Source.Task;
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var due = fireAt.Kind switch
        {
            DateTimeKind.Utc => new DateTimeOffset(fireAt, TimeSpan.Zero),
            DateTimeKind.Local => new DateTimeOffset(fireAt.ToUniversalTime(), TimeSpan.Zero),
            _ => new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc), TimeSpan.Zero),
        };
        var id = _nextTaskId++;
        var timer = new OpenTask<object?>("timer", id, _converter) { FireAt = due };
        _open[id] = timer;
        Emit(new HistoryEvent { EventType = HistoryEventType.TimerCreated, EventId = id, FireAt = due });
        if (cancellationToken.IsCancellationRequested)
        {
            CancelTimer(id, cancellationToken);
        }
        else if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() => CancelTimer(id, cancellationToken));
        }

        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        if (!_waiters.TryGetValue(eventName, out var stack))
        {
            stack = [];
            _waiters[eventName] = stack;
        }

        if (stack.Count > 0 && stack[0].Type != typeof(T))
        {
            throw new ArgumentException($"Every wait for event '{eventName}' must use the same type; {stack[0].Type} is waiting and {typeof(T)} was asked.", nameof(eventName));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var index = _buffered.FindIndex(e => string.Equals(e.Name, eventName, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            var buffered = _buffered[index];
            _buffered.RemoveAt(index);
            try
            {
                return Task.FromResult(_converter.Deserialize<T>(buffered.Input)!);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
            {
                return Task.FromException<T>(ex);
            }
        }

        var waiter = new EventWaiter<T>(_converter);
        stack.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                // A cancelled waiter leaves the stack at once, so it can never swallow a later event.
                stack.Remove(waiter);
                waiter.Source.TrySetCanceled(cancellationToken);
            });
        }

        return waiter.Source.Task;
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _nextTaskId++;
        Emit(new HistoryEvent { EventType = HistoryEventType.EventSent, EventId = id, Name = eventName, InstanceId = instanceId, Input = _converter.Serialize(payload) });
    }

    public override void SetCustomStatus(object? customStatus)
    {
        var serialized = _converter.Serialize(customStatus);
        if (serialized is not null && serialized.Length * sizeof(char) > MaxCustomStatusBytes)
        {
            throw new ArgumentException($"The custom status of instance '{InstanceId}' is {serialized.Length * sizeof(char)} bytes of UTF-16 text; at most {MaxCustomStatusBytes} are allowed.", nameof(customStatus));
        }

        _result.CustomStatus = serialized;
    }

    public override void SetBusinessKey(string key, string? value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (value is null)
        {
            _result.BusinessKeys.Remove(key);
        }
        else
        {
            _result.BusinessKeys[key] = value;
        }
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNew(new ContinueAsNewOptions { NewInput = newInput, PreserveUnprocessedEvents = preserveUnprocessedEvents });

    public override void ContinueAsNew(ContinueAsNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _result.ContinueAsNew = options;
        _result.ContinueAsNewInput = _converter.Serialize(options.NewInput);
    }

    public override Guid NewGuid()
    {
        var name = string.Concat(InstanceId, "_", _now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture), "_", (_guidCounter++).ToString(CultureInfo.InvariantCulture));
        return DeterministicGuid.Create(DeterministicGuid.DurableTaskNamespace, name);
    }

    private void Append(HistoryEvent e) => _result.NewEvents.Add(e);

    private void Emit(HistoryEvent action) => _pending[action.EventId] = new PendingAction(action with { Timestamp = _now });

    private Task<TResult> WithRetry<TResult>(TaskRetryOptions? retry, string name, Func<Task<TResult>> attempt)
    {
        if (retry is null)
        {
            return attempt();
        }

        return RetryLoopAsync(retry, name, attempt);
    }

    private async Task<TResult> RetryLoopAsync<TResult>(TaskRetryOptions retry, string name, Func<Task<TResult>> attempt)
    {
        var firstAttempt = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed)
            {
                var elapsed = CurrentUtcDateTime - firstAttempt;
                if (retry.Policy is { } policy)
                {
                    if (!policy.HandleFailure(failed.FailureDetails) || policy.GetNextDelay(number, elapsed) is not { } delay)
                    {
                        throw;
                    }

                    // The back-off is a durable timer: it survives restarts and replays identically.
                    await CreateTimer(delay, CancellationToken.None);
                }
                else if (!await retry.Handler!(new RetryContext(this, number, failed.FailureDetails, elapsed, CancellationToken.None)))
                {
                    throw;
                }
            }
        }
    }

    private void CancelTimer(int id, CancellationToken token)
    {
        if (!_open.Remove(id, out var timer))
        {
            return;
        }

        // A timer created and cancelled before it was ever committed needs no row at all.
        if (!_pending.Remove(id) && !_isReplaying)
        {
            _result.CancelledTimerIds.Add(id);
        }

        timer.Cancel(token);
    }

    private void Process(HistoryEvent e)
    {
        switch (e.EventType)
        {
            case HistoryEventType.OrchestratorStarted:
                _now = e.Timestamp;
                return;
            case HistoryEventType.ExecutionStarted:
                Start(e);
                return;
            case HistoryEventType.TaskScheduled:
            case HistoryEventType.TimerCreated:
            case HistoryEventType.SubOrchestrationInstanceCreated:
            case HistoryEventType.EventSent:
                Match(e);
                return;
            case HistoryEventType.ExecutionSuspended:
                _suspended = true;
                return;
            case HistoryEventType.ExecutionResumed:
                _suspended = false;
                var held = _suspendedEvents.ToArray();
                _suspendedEvents.Clear();
                foreach (var h in held)
                {
                    Deliver(h);
                }

                return;
            case HistoryEventType.ExecutionTerminated:
                _terminated ??= e;
                return;
            case HistoryEventType.TaskCompleted:
            case HistoryEventType.TaskFailed:
            case HistoryEventType.TimerFired:
            case HistoryEventType.SubOrchestrationInstanceCompleted:
            case HistoryEventType.SubOrchestrationInstanceFailed:
            case HistoryEventType.EventRaised:
                if (_suspended)
                {
                    _suspendedEvents.Add(e);
                }
                else
                {
                    Deliver(e);
                }

                return;
            default:
                return;
        }
    }

    private void Start(HistoryEvent e)
    {
        if (_started || _terminated is not null)
        {
            return;
        }

        _started = true;
        _startedEvent = e;
        _version = e.Version;
        if (_orchestrator is null)
        {
            return;
        }

        object? input;
        try
        {
            input = _converter.Deserialize(e.Input, _orchestrator.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
        {
            _code = Task.FromException<object?>(ex);
            return;
        }

        try
        {
            _code = _orchestrator.RunAsync(this, input);
        }
        catch (Exception ex) when (ex is not NonDeterministicOrchestrationException)
        {
            _code = Task.FromException<object?>(ex);
        }

        _sync.Drain();
    }

    private void Match(HistoryEvent recorded)
    {
        if (!_pending.Remove(recorded.EventId, out var action))
        {
            var actual = _code is { IsCompleted: true } ? "completed without taking that action" : "did not take that action at this point";
            throw new NonDeterministicOrchestrationException(InstanceId, _sequence, PendingAction.Describe(recorded), actual);
        }

        var sameKind = action.Event.EventType == recorded.EventType;
        var sameName = string.Equals(action.Event.Name, recorded.Name, StringComparison.OrdinalIgnoreCase);
        var sameTarget = recorded.EventType != HistoryEventType.EventSent || string.Equals(action.Event.InstanceId, recorded.InstanceId, StringComparison.Ordinal);
        if (!sameKind || !sameName || !sameTarget)
        {
            throw new NonDeterministicOrchestrationException(InstanceId, _sequence, PendingAction.Describe(recorded), "took " + action.Describe());
        }
    }

    private void Deliver(HistoryEvent e)
    {
        if (e.EventType == HistoryEventType.EventRaised)
        {
            DeliverEvent(e);
            return;
        }

        // Completions for unknown or already-finished tasks (duplicates, cancelled timers) are ignored.
        if (e.TaskScheduledId is not { } id || !_open.Remove(id, out var task))
        {
            return;
        }

        switch (e.EventType)
        {
            case HistoryEventType.TaskFailed:
            case HistoryEventType.SubOrchestrationInstanceFailed:
                task.Fail(e.FailureDetails ?? new TaskFailureDetails("Unknown", "The task failed without details."));
                break;
            default:
                task.Complete(e.Result);
                break;
        }

        _sync.Drain();
    }

    private void DeliverEvent(HistoryEvent e)
    {
        if (_result.ContinueAsNew is not null)
        {
            // The code already decided to continue as new: this event belongs to the next execution.
            _afterContinueAsNew.Add(e);
            return;
        }

        if (e.Name is not null && _waiters.TryGetValue(e.Name, out var stack) && stack.Count > 0)
        {
            // Newest waiter first, so Task.WhenAny loops can abandon old waits.
            var waiter = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            waiter.Complete(e.Input);
            _sync.Drain();
            return;
        }

        _buffered.Add(e);
    }

    private void Finish()
    {
        if (_terminated is not null)
        {
            _result.Status = OrchestrationRuntimeStatus.Terminated;
            _result.Output = _terminated.Input;
            foreach (var (id, task) in _open)
            {
                if (task.ChildInstanceId is not null && _terminated.Recursive)
                {
                    _result.ChildrenToTerminate.Add(task.ChildInstanceId);
                }

                if (task.FireAt is not null)
                {
                    _result.CancelledTimerIds.Add(id);
                }
            }

            Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = _now });
            return;
        }

        if (!_started)
        {
            _result.Status = OrchestrationRuntimeStatus.Pending;
            return;
        }

        if (_orchestrator is null)
        {
            Fail(new TaskFailureDetails("OrchestratorTaskNotFound", $"No orchestrator named '{Name}' (version '{Version}') is registered with this worker."));
            return;
        }

        foreach (var action in _pending.Values)
        {
            _result.NewActions.Add(action.Event);
            Append(action.Event);
        }

        if (_code is { IsCompleted: true } code)
        {
            if (code.IsFaulted || code.IsCanceled)
            {
                var exception = code.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
                if (exception is NonDeterministicOrchestrationException)
                {
                    throw exception;
                }

                Fail(TaskFailureDetails.FromException(exception));
                return;
            }

            if (_result.ContinueAsNew is { } options)
            {
                if (options.PreserveUnprocessedEvents)
                {
                    _result.CarriedEvents.AddRange(_buffered);
                    _result.CarriedEvents.AddRange(_afterContinueAsNew);
                }

                foreach (var (id, task) in _open)
                {
                    if (task.FireAt is not null)
                    {
                        _result.CancelledTimerIds.Add(id);
                    }
                }

                Append(new HistoryEvent { EventType = HistoryEventType.ContinueAsNew, Timestamp = _now, Result = _result.ContinueAsNewInput, Version = options.NewVersion ?? Version });
                Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = _now });
                _result.Status = OrchestrationRuntimeStatus.Running;
                return;
            }

            // An instance never completes while a created timer is neither fired nor cancelled.
            if (!_open.Values.Any(t => t.FireAt is not null))
            {
                _result.Output = _converter.Serialize(code.Result);
                _result.Status = OrchestrationRuntimeStatus.Completed;
                Append(new HistoryEvent { EventType = HistoryEventType.ExecutionCompleted, Timestamp = _now, Result = _result.Output });
                Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = _now });
                return;
            }
        }

        _result.Status = _suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running;
        _result.NextTimerAt = _open.Values.Where(t => t.FireAt is not null).Select(t => t.FireAt).Min();
        Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = _now });
    }

    private void Fail(TaskFailureDetails failure)
    {
        _result.Status = OrchestrationRuntimeStatus.Failed;
        _result.Failure = failure;
        foreach (var (id, task) in _open)
        {
            if (task.FireAt is not null)
            {
                _result.CancelledTimerIds.Add(id);
            }
        }

        Append(new HistoryEvent { EventType = HistoryEventType.ExecutionFailed, Timestamp = _now, FailureDetails = failure });
        Append(new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = _now });
    }

    private abstract class OpenTask(string name, int id)
    {
        public string Name { get; } = name;

        public int Id { get; } = id;

        public DateTimeOffset? FireAt { get; init; }

        public string? ChildInstanceId { get; init; }

        public abstract void Complete(string? result);

        public abstract void Fail(TaskFailureDetails failure);

        public abstract void Cancel(CancellationToken token);
    }

    private sealed class OpenTask<T>(string name, int id, DataConverter converter) : OpenTask(name, id)
    {
        public TaskCompletionSource<T> Source { get; } = new();

        public override void Complete(string? result)
        {
            try
            {
                Source.TrySetResult(converter.Deserialize<T>(result)!);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
            {
                Source.TrySetException(ex);
            }
        }

        public override void Fail(TaskFailureDetails failure) => Source.TrySetException(new TaskFailedException(Name, Id, failure));

        public override void Cancel(CancellationToken token) => Source.TrySetCanceled(token);
    }

    private abstract class EventWaiter
    {
        public abstract Type Type { get; }

        public abstract void Complete(string? payload);
    }

    private sealed class EventWaiter<T>(DataConverter converter) : EventWaiter
    {
        public TaskCompletionSource<T> Source { get; } = new();

        public override Type Type => typeof(T);

        public override void Complete(string? payload)
        {
            try
            {
                Source.TrySetResult(converter.Deserialize<T>(payload)!);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidCastException)
            {
                Source.TrySetException(ex);
            }
        }
    }
}
