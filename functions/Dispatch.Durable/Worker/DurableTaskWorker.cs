using System.Collections.Concurrent;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Worker.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Durable.Worker;

/// <summary>
/// Runs orchestrations and activities from an <see cref="IOrchestrationBackend"/>: claims due work under
/// leases, replays each claimed instance one step at a time, commits every step atomically, runs activities,
/// and sleeps until the next due time (at most <see cref="DurableTaskWorkerOptions.MaxIdlePollInterval"/>).
/// </summary>
public sealed partial class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationBackend _backend;
    private readonly DurableTaskRegistry _registry;
    private readonly IServiceProvider _services;
    private readonly DurableTaskWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CachedInstance> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a worker.</summary>
    public DurableTaskWorker(IOrchestrationBackend backend, DurableTaskRegistry registry, IServiceProvider services, DurableTaskWorkerOptions options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _backend = backend;
        _registry = registry;
        _services = services;
        _options = options;
        _time = timeProvider;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<DurableTaskWorker>();
    }

    /// <summary>Gets the options.</summary>
    public DurableTaskWorkerOptions Options => _options;

    /// <summary>Gets the in-process wake-up shared with clients of the same process.</summary>
    internal WorkSignal Signal { get; } = new();

    /// <summary>
    /// Processes everything due now, claim after claim, until nothing is due or <paramref name="budget"/>
    /// (measured on the worker's <see cref="TimeProvider"/>) is spent. Used by the background loop, by
    /// manual clocks and timer triggers, and by <see cref="Testing.DurableTestHost"/>.
    /// </summary>
    public async Task<DrainResult> DrainDueWorkAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        int steps = 0, activities = 0, claims = 0;
        DateTimeOffset? nextDue;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var claim = await _backend.ClaimDueWorkAsync(_options.WorkerId, _options.MaxInstancesPerClaim, _options.MaxActivitiesPerClaim, _options.LeaseDuration, cancellationToken);
            claims++;
            nextDue = claim.NextDueAt;
            if (claim.IsEmpty)
            {
                return new DrainResult(steps, activities, claims, nextDue, false);
            }

            var items = new List<Func<Task<(int Steps, int Activities)>>>(claim.Orchestrations.Count + claim.Activities.Count);
            foreach (var item in claim.Orchestrations)
            {
                items.Add(async () => (await ProcessOrchestrationAsync(item, cancellationToken) ? 1 : 0, 0));
            }

            foreach (var item in claim.Activities)
            {
                items.Add(async () => (0, await ProcessActivityAsync(item, cancellationToken) ? 1 : 0));
            }

            if (items.Count == 1 || _options.MaxConcurrentWorkItems == 1)
            {
                // One at a time runs inline: no thread hops, which is what in-memory, CPU-bound work wants.
                foreach (var run in items)
                {
                    var (s, a) = await run();
                    steps += s;
                    activities += a;
                }
            }
            else
            {
                var counts = new ConcurrentBag<(int Steps, int Activities)>();
                await Parallel.ForEachAsync(
                    items,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentWorkItems, CancellationToken = cancellationToken },
                    async (run, _) => counts.Add(await run()));
                steps += counts.Sum(c => c.Steps);
                activities += counts.Sum(c => c.Activities);
            }

            if (_time.GetElapsedTime(started) >= budget)
            {
                return new DrainResult(steps, activities, claims, nextDue, true);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _backend.EnsureCreatedAsync(stoppingToken);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            var pulse = Signal.NextPulse;
            try
            {
                var result = await DrainDueWorkAsync(_options.LeaseDuration / 2, stoppingToken);
                failures = 0;
                if (result.BudgetExhausted)
                {
                    continue;
                }

                sleep = _options.MaxIdlePollInterval;
                if (result.NextDueAt is { } due)
                {
                    var untilDue = due - _time.GetUtcNow();
                    sleep = untilDue < sleep ? untilDue : sleep;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The loop must survive any storage failure: it backs off and retries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures++;
                sleep = TimeSpan.FromMilliseconds(Math.Min(_options.MaxErrorBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 16))));
                Log.DrainFailed(_logger, ex, sleep);
            }

            try
            {
                await Signal.WaitAsync(pulse, sleep, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Runs one claimed instance step; returns whether a step was committed.</summary>
    private async Task<bool> ProcessOrchestrationAsync(OrchestrationWorkItem item, CancellationToken cancellationToken)
    {
        var snapshot = _cache.TryGetValue(item.InstanceId, out var cached) ? cached.ToSnapshot() : null;
        snapshot ??= await _backend.LoadInstanceAsync(item.InstanceId, cancellationToken);
        if (snapshot is null || snapshot.Instance.RuntimeStatus.IsTerminal() && !item.Messages.Any(m => IsStartOf(m, snapshot.Instance)))
        {
            // Unknown or finished instances drop what they receive, as Durable Functions does.
            _cache.TryRemove(item.InstanceId, out _);
            await _backend.DiscardOrchestrationMessagesAsync(item, cancellationToken);
            return false;
        }

        var instance = snapshot.Instance;
        var now = _time.GetUtcNow();
        var events = Accept(item.Messages, instance);
        OrchestrationStepCommit commit;
        ReplayOrchestrationContext? session = null;
        if (!_options.Versioning.Supports(instance.Version))
        {
            if (_options.Versioning.FailureStrategy == VersionFailureStrategy.Reject)
            {
                Log.VersionRejected(_logger, instance.InstanceId, instance.Version);
                await _backend.AbandonOrchestrationAsync(item, _options.RejectedVersionRetryDelay, cancellationToken);
                return false;
            }

            var failure = new TaskFailureDetails("Dispatch.Durable.VersionMismatch", $"Instance '{instance.InstanceId}' has version '{instance.Version}', which worker version '{_options.Versioning.Version}' does not run ({_options.Versioning.MatchStrategy}).");
            commit = StepBuilder.Failure(item, snapshot, events, failure, now);
        }
        else
        {
            try
            {
                // A cached live session continues without replay; otherwise replay the history from the start.
                ExecutionResult result;
                if (cached?.Session is { } live && ReferenceEquals(cached.History, snapshot.History))
                {
                    session = live;
                    result = live.Continue(events, now);
                }
                else
                {
                    session = CreateContext(instance, snapshot.History, events, now);
                    result = session.Execute();
                }

                if (result.IsFinished || result.ContinueAsNew is not null)
                {
                    session = null;
                }

                commit = StepBuilder.Build(item, snapshot, result, now, keepLease: false);
            }
            catch (NonDeterministicOrchestrationException ex)
            {
                session = null;
                Log.NonDeterministic(_logger, ex, instance.InstanceId);
                commit = StepBuilder.Failure(item, snapshot, events, TaskFailureDetails.FromException(ex), now);
            }
        }

        try
        {
            var etag = await _backend.CommitStepAsync(commit, cancellationToken);
            session?.MarkCommitted();
            Remember(snapshot, commit, etag, session);
        }
        catch (OrchestrationConcurrencyException)
        {
            // Someone else moved the instance on (or took the lease): forget the cache and let the next claim retry.
            _cache.TryRemove(item.InstanceId, out _);
            Log.CommitConflict(_logger, item.InstanceId);
            await _backend.AbandonOrchestrationAsync(item, TimeSpan.Zero, cancellationToken);
            return false;
        }

        if (commit.OutboundMessages.Count > 0 || commit.LocalMessages.Count > 0 || commit.NewActivities.Count > 0)
        {
            Signal.Pulse();
        }

        return true;
    }

    /// <summary>Replays and advances one instance.</summary>
    internal ExecutionResult Execute(InstanceRecord instance, IReadOnlyList<HistoryEvent> history, IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now) =>
        CreateContext(instance, history, newEvents, now).Execute();

    private ReplayOrchestrationContext CreateContext(InstanceRecord instance, IReadOnlyList<HistoryEvent> history, IReadOnlyList<HistoryEvent> newEvents, DateTimeOffset now)
    {
        var factory = _registry.FindOrchestrator(instance.Name, instance.Version);
        var orchestrator = factory?.Invoke(_services);
        var request = new ExecutionRequest(instance.InstanceId, instance.ExecutionId, history, newEvents, now, instance.CustomStatus, instance.BusinessKeys);
        return new ReplayOrchestrationContext(request, orchestrator, _options.DataConverter, _loggerFactory);
    }

    private static bool IsStartOf(OrchestrationMessage message, InstanceRecord instance) =>
        message.Event.EventType == HistoryEventType.ExecutionStarted && message.Event.ExecutionId == instance.ExecutionId;

    /// <summary>Keeps the messages addressed to the current execution; results for older executions are stale.</summary>
    private static List<HistoryEvent> Accept(IReadOnlyList<OrchestrationMessage> messages, InstanceRecord instance)
    {
        var events = new List<HistoryEvent>(messages.Count);
        foreach (var message in messages)
        {
            if (message.ExecutionId is { } target && target != instance.ExecutionId)
            {
                continue;
            }

            events.Add(message.Event);
        }

        return events;
    }

    private void Remember(InstanceSnapshot snapshot, OrchestrationStepCommit commit, string etag, ReplayOrchestrationContext? session)
    {
        if (_options.HistoryCacheSize == 0 || commit.Instance.RuntimeStatus.IsTerminal())
        {
            _cache.TryRemove(commit.Instance.InstanceId, out _);
            return;
        }

        if (_cache.Count >= _options.HistoryCacheSize)
        {
            _cache.Clear();
        }

        List<HistoryEvent> history;
        if (commit.ReplaceHistory)
        {
            history = [.. commit.NewHistory];
        }
        else if (_cache.TryGetValue(commit.Instance.InstanceId, out var cached) && ReferenceEquals(cached.History, snapshot.History))
        {
            history = cached.History;
            history.AddRange(commit.NewHistory);
        }
        else
        {
            history = new List<HistoryEvent>(snapshot.History.Count + commit.NewHistory.Count);
            history.AddRange(snapshot.History);
            history.AddRange(commit.NewHistory);
        }

        _cache[commit.Instance.InstanceId] = new CachedInstance(commit.Instance, history, etag, session);
    }

    /// <summary>Runs one claimed activity; returns whether its result was recorded.</summary>
    private async Task<bool> ProcessActivityAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        HistoryEvent outcome;
        var factory = _registry.FindActivity(item.Name);
        if (factory is null)
        {
            outcome = Failed(new TaskFailureDetails("ActivityTaskNotFound", $"No activity named '{item.Name}' is registered with this worker."));
        }
        else
        {
            try
            {
                await using var scope = _services.CreateAsyncScope();
                var activity = factory(scope.ServiceProvider);
                var input = _options.DataConverter.Deserialize(item.Input, activity.InputType);
                var output = await RunWithRenewalAsync(activity.RunAsync(new ActivityContext(item, cancellationToken), input), item, cancellationToken);
                outcome = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, Timestamp = _time.GetUtcNow(), TaskScheduledId = item.TaskId, Result = _options.DataConverter.Serialize(output) };
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await _backend.AbandonActivityAsync(item, TimeSpan.Zero, CancellationToken.None);
                throw;
            }
#pragma warning disable CA1031 // Any activity failure is recorded as the task's failure, not thrown into the worker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.ActivityFailed(_logger, ex, item.Name, item.InstanceId, item.TaskId);
                outcome = Failed(TaskFailureDetails.FromException(ex));
            }
        }

        var message = new OrchestrationMessage { MessageId = item.Id + ":result", InstanceId = item.InstanceId, ExecutionId = item.ExecutionId, Event = outcome };
        var recorded = await _backend.CompleteActivityAsync(item, message, cancellationToken);
        if (recorded)
        {
            Signal.Pulse();
        }

        return recorded;

        HistoryEvent Failed(TaskFailureDetails failure) =>
            new() { EventType = HistoryEventType.TaskFailed, Timestamp = _time.GetUtcNow(), TaskScheduledId = item.TaskId, FailureDetails = failure };
    }

    /// <summary>Awaits an activity run; one that does not finish at once gets its lease renewed while it runs.</summary>
    private async Task<object?> RunWithRenewalAsync(Task<object?> run, ActivityWorkItem item, CancellationToken cancellationToken)
    {
        if (run.IsCompleted)
        {
            return await run;
        }

        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewal = RenewWhileRunningAsync(item, running.Token);
        try
        {
            return await run;
        }
        finally
        {
            await running.CancelAsync();
            await renewal;
        }
    }

    /// <summary>Renews an activity's lease every half lease while it runs, so a long activity is not run twice.</summary>
    private async Task RenewWhileRunningAsync(ActivityWorkItem item, CancellationToken running)
    {
        var every = _options.LeaseDuration / 2;
        try
        {
            while (true)
            {
                await Task.Delay(every, _time, running);
                if (!await _backend.RenewActivityLeaseAsync(item, _options.LeaseDuration, running))
                {
                    Log.ActivityLeaseLost(_logger, item.Name, item.InstanceId, item.TaskId);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (running.IsCancellationRequested)
        {
            // The activity finished.
        }
#pragma warning disable CA1031 // A failed renewal must not fail the activity; the next attempt or the result decides.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ActivityLeaseRenewalFailed(_logger, ex, item.Name, item.InstanceId, item.TaskId);
        }
    }

    private sealed record CachedInstance(InstanceRecord Instance, List<HistoryEvent> History, string ETag, ReplayOrchestrationContext? Session)
    {
        public InstanceSnapshot ToSnapshot() => new(Instance, History, ETag);
    }

    private sealed class ActivityContext(ActivityWorkItem item, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => item.Name;

        public override string InstanceId => item.InstanceId;

        public override int TaskId => item.TaskId;

        public override CancellationToken CancellationToken => cancellationToken;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 600, Level = LogLevel.Warning, Message = "Draining due work failed; retrying in {Delay}.")]
        public static partial void DrainFailed(ILogger logger, Exception exception, TimeSpan delay);

        [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Instance {InstanceId} has version '{Version}', which this worker does not run; left for another worker.")]
        public static partial void VersionRejected(ILogger logger, string instanceId, string version);

        [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "Instance {InstanceId} failed: its history no longer replays.")]
        public static partial void NonDeterministic(ILogger logger, Exception exception, string instanceId);

        [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Commit of instance {InstanceId} lost a race; it will be retried.")]
        public static partial void CommitConflict(ILogger logger, string instanceId);

        [LoggerMessage(EventId = 604, Level = LogLevel.Warning, Message = "Activity {Name} of instance {InstanceId} (task {TaskId}) failed.")]
        public static partial void ActivityFailed(ILogger logger, Exception exception, string name, string instanceId, int taskId);

        [LoggerMessage(EventId = 605, Level = LogLevel.Warning, Message = "Activity {Name} of instance {InstanceId} (task {TaskId}) lost its lease while running; another host may run it, and this result will be refused.")]
        public static partial void ActivityLeaseLost(ILogger logger, string name, string instanceId, int taskId);

        [LoggerMessage(EventId = 606, Level = LogLevel.Warning, Message = "Renewing the lease of activity {Name} of instance {InstanceId} (task {TaskId}) failed; it is not renewed again.")]
        public static partial void ActivityLeaseRenewalFailed(ILogger logger, Exception exception, string name, string instanceId, int taskId);
    }
}
