using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Durable;

/// <summary>
/// What orchestrator code sees: the replay-safe clock, inputs, and the only ways to do durable work
/// (activities, timers, external events, sub-orchestrations). Orchestrator code must be deterministic:
/// take time, GUIDs and timers only from here, never use <c>ConfigureAwait(false)</c>, and cancel timers
/// and waits with <see cref="CancellationTokenSource.Cancel()"/>, not <c>CancelAsync</c> (which runs the
/// cancellation on another thread, outside the replay).
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>Gets the orchestrator name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>Gets the instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the parent orchestration when this runs as a sub-orchestration; otherwise null.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>Gets the replay-safe current time (UTC): the time the current step started, identical on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>Gets whether the code is re-executing recorded history; false once it reaches new work.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>Gets the version stamped on this execution; empty when none.</summary>
    public virtual string Version => string.Empty;

    /// <summary>Gets the context configuration bag.</summary>
    public virtual IReadOnlyDictionary<string, object?> Properties { get; } = new Dictionary<string, object?>();

    /// <summary>Gets a logger factory whose loggers write only when not replaying.</summary>
    public virtual ILoggerFactory ReplaySafeLoggerFactory => new ReplaySafeLoggerFactoryShim(this);

    /// <summary>Gets the logger factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected virtual ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    /// <summary>Returns the execution input deserialised as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Calls an activity that returns nothing.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Calls an activity without input that returns nothing.</summary>
    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) => CallActivityAsync<object?>(name, null, options);

    /// <summary>
    /// Calls an activity (at least once). A failure surfaces as <see cref="TaskFailedException"/> after
    /// the retries of <paramref name="options"/>; back-off delays are durable timers.
    /// </summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls an activity without input.</summary>
    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) => CallActivityAsync<TResult>(name, null, options);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/> of orchestration time.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Creates a durable timer of any length (one due-time row, no hops). The instance does not complete
    /// while a created timer is neither fired nor cancelled: cancel timers you stop awaiting.
    /// </summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an external event. Names are case-insensitive; events that arrive before anyone waits
    /// are buffered; among several waiters for a name the newest gets the next event. Cancelling the
    /// token cancels the wait (the task throws <see cref="TaskCanceledException"/>) and the cancelled
    /// waiter never consumes an event.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event with a timeout; see <see cref="WaitForExternalEvent{T}(string, TimeSpan, CancellationToken)"/>.</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>
    /// Waits for an external event with a durable timeout. On timeout the returned task is cancelled
    /// (awaiting throws <see cref="TaskCanceledException"/>); when the event wins, its timer is cancelled so
    /// it cannot keep the instance alive. <see cref="Timeout.InfiniteTimeSpan"/> waits without a timer.
    /// </summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.Zero);
        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var waitCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = WaitForExternalEvent<T>(eventName, waitCancellation.Token);
        var timer = CreateTimer(timeout, timerCancellation.Token);
        var winner = await Task.WhenAny(wait, timer);
        if (winner == wait)
        {
            timerCancellation.Cancel();
        }
        else
        {
            waitCancellation.Cancel();
        }

        return await wait;
    }

    /// <summary>Sends an event to another instance; dropped when the target does not exist.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object payload);

    /// <summary>Sets the custom status shown by status queries; null clears it. Throws <see cref="ArgumentException"/> when its JSON exceeds 16 KB of UTF-16 text.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Sets (or, with a null value, removes) a business key on the instance, e.g. <c>round</c>,
    /// <c>township</c> or <c>stage</c>. Keys are indexed: <c>DurableTaskClient.QueryInstancesAsync</c>
    /// filters on them without scanning histories. A Dispatch extension to the Durable model.
    /// </summary>
    public abstract void SetBusinessKey(string key, string? value);

    /// <summary>Calls a sub-orchestration that returns nothing.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Calls a sub-orchestration without input that returns nothing.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, null, options);

    /// <summary>
    /// Calls a sub-orchestration: the child has its own id, history and status; its failure surfaces as
    /// <see cref="TaskFailedException"/>. Pass <see cref="SubOrchestrationOptions"/> to choose its id or version.
    /// </summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Calls a sub-orchestration without input.</summary>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>
    /// Restarts the orchestration with a fresh history and <paramref name="newInput"/>. Pending tasks are
    /// discarded; external events not yet consumed (including ones that arrive while the restart commits)
    /// are carried into the next execution when <paramref name="preserveUnprocessedEvents"/> is true.
    /// Return right after calling this.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>Restarts the orchestration and migrates it to <paramref name="newVersion"/> (the current version when null).</summary>
    public virtual void ContinueAsNew(object? newInput, bool preserveUnprocessedEvents, string? newVersion) =>
        ContinueAsNew(new ContinueAsNewOptions { NewInput = newInput, PreserveUnprocessedEvents = preserveUnprocessedEvents, NewVersion = newVersion });

    /// <summary>Restarts the orchestration with the given options.</summary>
    public abstract void ContinueAsNew(ContinueAsNewOptions options);

    /// <summary>Returns a deterministic name-based (RFC 4122 §4.3, version 5) UUID, identical on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>Creates a logger that writes only when not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>Creates a logger that writes only when not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger(Type type) => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(type));

    /// <summary>Creates a logger that writes only when not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T));

    /// <summary>
    /// Compares this execution's version with <paramref name="version"/>: negative when older, zero when equal,
    /// positive when newer. Empty is older than any defined version; versions that parse as
    /// <see cref="System.Version"/> compare numerically, others case-insensitively.
    /// </summary>
    public virtual int CompareVersionTo(string version) => OrchestrationVersion.Compare(Version, version);

    private sealed class ReplaySafeLogger(TaskOrchestrationContext context, ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => !context.IsReplaying && inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!context.IsReplaying)
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }

    private sealed class ReplaySafeLoggerFactoryShim(TaskOrchestrationContext context) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) =>
            throw new NotSupportedException("Providers cannot be added to the replay-safe logger factory.");

        public ILogger CreateLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

        public void Dispose()
        {
        }
    }
}
