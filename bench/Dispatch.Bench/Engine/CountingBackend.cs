using Dispatch.Durable;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;

namespace Dispatch.Bench.Engine;

/// <summary>
/// Wraps a backend to attribute its storage requests: claims that return orchestrations, loads, commits and
/// releases count toward orchestration steps; claims of activities and activity completions toward activities;
/// empty claims toward idle polling. Also counts completed instances so a bench can wait without polling storage.
/// </summary>
internal sealed class CountingBackend(IOrchestrationBackend inner) : IOrchestrationBackend
{
    private long _stepRequests;
    private long _activityRequests;
    private long _idleRequests;
    private long _steps;
    private long _activities;
    private long _completed;
    private long _claimTicks;
    private long _commitTicks;
    private long _completeTicks;

    public string Timings => $"claim {_claimTicks / 10_000} ms, commit {_commitTicks / 10_000} ms, complete {_completeTicks / 10_000} ms";

    public long StepRequests => Interlocked.Read(ref _stepRequests);

    public long ActivityRequests => Interlocked.Read(ref _activityRequests);

    public long IdleRequests => Interlocked.Read(ref _idleRequests);

    public long Steps => Interlocked.Read(ref _steps);

    public long Activities => Interlocked.Read(ref _activities);

    public long Completed => Interlocked.Read(ref _completed);

    public long StorageRequestCount => inner.StorageRequestCount;

    public void Reset()
    {
        Interlocked.Exchange(ref _stepRequests, 0);
        Interlocked.Exchange(ref _activityRequests, 0);
        Interlocked.Exchange(ref _idleRequests, 0);
        Interlocked.Exchange(ref _steps, 0);
        Interlocked.Exchange(ref _activities, 0);
        Interlocked.Exchange(ref _completed, 0);
        Interlocked.Exchange(ref _claimTicks, 0);
        Interlocked.Exchange(ref _commitTicks, 0);
        Interlocked.Exchange(ref _completeTicks, 0);
    }

    public async Task WaitForCompletedAsync(long count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Completed < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Only {Completed} of {count} instances completed within {timeout}.");
            }

            await Task.Delay(5, cancellationToken);
        }
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default) => inner.EnsureCreatedAsync(cancellationToken);

    public Task CreateInstanceAsync(OrchestrationMessage startMessage, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default) =>
        inner.CreateInstanceAsync(startMessage, dedupeStatuses, cancellationToken);

    public Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default) => inner.SendMessagesAsync(messages, cancellationToken);

    public async Task<WorkClaim> ClaimDueWorkAsync(string owner, int maxInstances, int maxActivities, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        var before = inner.StorageRequestCount;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var claim = await inner.ClaimDueWorkAsync(owner, maxInstances, maxActivities, leaseDuration, cancellationToken);
        Interlocked.Add(ref _claimTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        var spent = inner.StorageRequestCount - before;
        var total = claim.Orchestrations.Count + claim.Activities.Count;
        if (total == 0)
        {
            Interlocked.Add(ref _idleRequests, spent);
        }
        else
        {
            // Split the claim's requests in proportion to what it returned.
            var forSteps = spent * claim.Orchestrations.Count / total;
            Interlocked.Add(ref _stepRequests, forSteps);
            Interlocked.Add(ref _activityRequests, spent - forSteps);
        }

        return claim;
    }

    public Task<InstanceSnapshot?> LoadInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Attribute(() => inner.LoadInstanceAsync(instanceId, cancellationToken), step: true);

    public async Task<string> CommitStepAsync(OrchestrationStepCommit commit, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var etag = await Attribute(() => inner.CommitStepAsync(commit, cancellationToken), step: true);
        Interlocked.Add(ref _commitTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref _steps);
        if (commit.Instance.RuntimeStatus.IsTerminal())
        {
            Interlocked.Increment(ref _completed);
        }

        return etag;
    }

    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default) =>
        Attribute(async () =>
        {
            await inner.AbandonOrchestrationAsync(workItem, delay, cancellationToken);
            return true;
        }, step: true);

    public Task DiscardOrchestrationMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default) =>
        inner.DiscardOrchestrationMessagesAsync(workItem, cancellationToken);

    public async Task<bool> CompleteActivityAsync(ActivityWorkItem workItem, OrchestrationMessage result, CancellationToken cancellationToken = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var done = await Attribute(() => inner.CompleteActivityAsync(workItem, result, cancellationToken), step: false);
        Interlocked.Add(ref _completeTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
        Interlocked.Increment(ref _activities);
        return done;
    }

    public Task<bool> RenewActivityLeaseAsync(ActivityWorkItem workItem, TimeSpan leaseDuration, CancellationToken cancellationToken = default) =>
        inner.RenewActivityLeaseAsync(workItem, leaseDuration, cancellationToken);

    public Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, CancellationToken cancellationToken = default) =>
        inner.AbandonActivityAsync(workItem, delay, cancellationToken);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        inner.GetInstanceAsync(instanceId, includePayloads, cancellationToken);

    public Task<InstanceQueryPage> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) => inner.QueryInstancesAsync(query, cancellationToken);

    public Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default) =>
        inner.CountInstancesAsync(query, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default) => inner.PurgeInstanceAsync(instanceId, cancellationToken);

    public Task<PurgeResult> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default) => inner.PurgeInstancesAsync(filter, cancellationToken);

    private async Task<T> Attribute<T>(Func<Task<T>> call, bool step)
    {
        // Concurrent calls make a per-call delta approximate; the benches that read these figures run one instance at a time.
        var before = inner.StorageRequestCount;
        var result = await call();
        Interlocked.Add(ref step ? ref _stepRequests : ref _activityRequests, inner.StorageRequestCount - before);
        return result;
    }
}
