using System.Runtime.CompilerServices;

namespace Dispatch.Durable.Client;

/// <summary>
/// Starts, queries and manages orchestration instances, shaped like Microsoft.DurableTask's
/// <c>DurableTaskClient</c>. Abstract so tests can substitute it; the engine's implementation talks to an
/// <see cref="Backend.IOrchestrationBackend"/>.
/// </summary>
public abstract class DurableTaskClient : IAsyncDisposable
{
    /// <summary>Creates a client.</summary>
    /// <param name="name">The client (task hub) name.</param>
    protected DurableTaskClient(string name)
    {
        Name = name;
    }

    /// <summary>Gets the client name.</summary>
    public string Name { get; }

    /// <summary>Schedules a new instance without input.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellationToken);

    /// <summary>Schedules a new instance with input.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellationToken);

    /// <summary>Schedules a new instance with options.</summary>
    public virtual Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellationToken = default) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellationToken);

    /// <summary>
    /// Schedules a new instance and returns its id. The instance is Pending until a worker first runs it.
    /// Throws <see cref="OrchestrationAlreadyExistsException"/> when an instance with the id exists in a
    /// status <see cref="StartOrchestrationOptions.DedupeStatuses"/> blocks.
    /// </summary>
    public abstract Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Raises an event without payload.</summary>
    public virtual Task RaiseEventAsync(string instanceId, string eventName, CancellationToken cancellationToken) =>
        RaiseEventAsync(instanceId, eventName, null, cancellationToken);

    /// <summary>Raises an external event; it is dropped when the instance is unknown or finished.</summary>
    public abstract Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance leaves Pending.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForInstanceStartAsync(instanceId, false, cancellationToken);

    /// <summary>Waits until the instance leaves Pending; throws when it does not exist. Cancel the token to stop waiting.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public virtual Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken) =>
        WaitForInstanceCompletionAsync(instanceId, false, cancellationToken);

    /// <summary>Waits until the instance is Completed, Failed or Terminated; may wait forever, so cancel the token to stop.</summary>
    public abstract Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Terminates an instance with an output.</summary>
    public virtual Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellationToken = default) =>
        TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(output), cancellationToken);

    /// <summary>
    /// Terminates an instance: running activities are not stopped and their results are discarded;
    /// a finished or unknown instance is left alone.
    /// </summary>
    public abstract Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Suspends an instance: it receives messages but does not run until resumed.</summary>
    public abstract Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Resumes a suspended instance; messages received meanwhile are then processed in order.</summary>
    public abstract Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Gets an instance without payloads.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken) =>
        GetInstanceAsync(instanceId, false, cancellationToken);

    /// <summary>Gets an instance, or null when unknown.</summary>
    public abstract Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default);

    /// <summary>Gets the legacy-named alias of <see cref="GetInstanceAsync(string, bool, CancellationToken)"/>.</summary>
    public virtual Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);

    /// <summary>Returns one page of instances matching <paramref name="query"/>; pass the returned token for the next page.</summary>
    public abstract Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>Enumerates every instance matching <paramref name="filter"/>, page by page.</summary>
    public virtual async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = filter ?? new OrchestrationQuery();
        while (true)
        {
            var page = await QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            if (page.ContinuationToken is null)
            {
                yield break;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
    }

    /// <summary>Counts instances per runtime status among those matching <paramref name="filter"/> (its paging fields are ignored); statuses with no instance are absent.</summary>
    public abstract Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a Completed, Failed or Terminated instance with its history; 0 when unknown or not terminal.</summary>
    public abstract Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes every terminal instance matching <paramref name="filter"/>.</summary>
    public abstract Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Returns the history of the instance's current execution, oldest first; empty when unknown.</summary>
    public abstract Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
