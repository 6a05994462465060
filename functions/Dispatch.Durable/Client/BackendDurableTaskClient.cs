using Dispatch.Durable.Backend;
using Dispatch.Durable.Worker;

namespace Dispatch.Durable.Client;

/// <summary>The engine's client: every call is one or two backend requests.</summary>
internal sealed class BackendDurableTaskClient : DurableTaskClient
{
    private static readonly OrchestrationRuntimeStatus[] DefaultDedupeStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly IOrchestrationBackend _backend;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private readonly WorkSignal? _signal;
    private readonly string _defaultVersion;
    private readonly IInstanceWaiter _waiter;

    public BackendDurableTaskClient(string name, IOrchestrationBackend backend, DataConverter converter, TimeProvider timeProvider, WorkSignal? signal, string defaultVersion, IInstanceWaiter? waiter = null)
        : base(name)
    {
        _backend = backend;
        _converter = converter;
        _time = timeProvider;
        _signal = signal;
        _defaultVersion = defaultVersion;
        _waiter = waiter ?? new PollingWaiter(timeProvider, signal);
    }

    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (orchestratorName.Name is null)
        {
            throw new ArgumentException("The orchestrator name is empty.", nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        if (string.IsNullOrWhiteSpace(instanceId) || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException($"Instance id '{instanceId}' is empty or contains '/', '\\', '#', '?' or a control character.", nameof(options));
        }

        var now = _time.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var startAt = options?.StartAt is { } at && at > now ? at : (DateTimeOffset?)null;
        var start = new OrchestrationMessage
        {
            MessageId = $"{executionId}:start",
            InstanceId = instanceId,
            ExecutionId = executionId,
            DueAt = startAt,
            Event = new HistoryEvent
            {
                EventType = HistoryEventType.ExecutionStarted,
                Timestamp = now,
                Name = orchestratorName.Name,
                Version = options?.Version ?? _defaultVersion,
                Input = _converter.Serialize(input),
                ExecutionId = executionId,
                Tags = options?.Tags is { Count: > 0 } tags ? new Dictionary<string, string>(tags) : null,
                ScheduledStartTime = startAt,
            },
        };
        await _backend.CreateInstanceAsync(start, options?.DedupeStatuses ?? DefaultDedupeStatuses, cancellationToken);
        _signal?.Pulse();
        return instanceId;
    }

    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        return SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.EventRaised, Timestamp = _time.GetUtcNow(), Name = eventName, Input = _converter.Serialize(eventPayload) }, cancellationToken);
    }

    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionTerminated, Timestamp = _time.GetUtcNow(), Input = _converter.Serialize(options?.Output), Recursive = options?.Recursive ?? false }, cancellationToken);

    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionSuspended, Timestamp = _time.GetUtcNow(), Reason = reason }, cancellationToken);

    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, new HistoryEvent { EventType = HistoryEventType.ExecutionResumed, Timestamp = _time.GetUtcNow(), Reason = reason }, cancellationToken);

    public override async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var record = await _backend.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs);
    }

    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, static m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitAsync(instanceId, getInputsAndOutputs, static m => m.IsCompleted, cancellationToken);

    public override async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new OrchestrationQuery();
        var page = await _backend.QueryInstancesAsync(q, cancellationToken);
        return new OrchestrationQueryResult(page.Instances.Select(r => ToMetadata(r, q.FetchInputsAndOutputs)).ToList(), page.ContinuationToken);
    }

    public override Task<IReadOnlyDictionary<OrchestrationRuntimeStatus, int>> CountInstancesAsync(OrchestrationQuery? filter = null, CancellationToken cancellationToken = default) =>
        _backend.CountInstancesAsync(filter ?? new OrchestrationQuery(), cancellationToken);

    public override async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        RejectRecursive(options);
        return new PurgeResult(await _backend.PurgeInstanceAsync(instanceId, cancellationToken) ? 1 : 0);
    }

    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        RejectRecursive(options);
        return _backend.PurgeInstancesAsync(filter, cancellationToken);
    }

    public override async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        return [.. await _backend.GetHistoryAsync(instanceId, cancellationToken)];
    }

    private static void RejectRecursive(PurgeInstanceOptions? options)
    {
        if (options?.Recursive == true)
        {
            throw new ArgumentException("Recursive purge is not supported.", nameof(options));
        }
    }

    private async Task<OrchestrationMetadata> WaitAsync(string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        while (true)
        {
            var begun = _waiter.BeginWait();
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' does not exist.");
            if (done(metadata))
            {
                return metadata;
            }

            await _waiter.WaitAsync(instanceId, begun, cancellationToken);
        }
    }

    private async Task SendAsync(string instanceId, HistoryEvent e, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        await _backend.SendMessagesAsync([new OrchestrationMessage { MessageId = Guid.NewGuid().ToString("N"), InstanceId = instanceId, Event = e }], cancellationToken);
        _signal?.Pulse();
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) => new(record.Name, record.InstanceId)
    {
        Version = record.Version,
        RuntimeStatus = record.RuntimeStatus,
        CreatedAt = record.CreatedAt,
        LastUpdatedAt = record.LastUpdatedAt,
        CompletedAt = record.CompletedAt,
        ScheduledStartAt = record.ScheduledStartAt,
        SerializedInput = withPayloads ? record.Input : null,
        SerializedOutput = withPayloads ? record.Output : null,
        SerializedCustomStatus = withPayloads ? record.CustomStatus : null,
        FailureDetails = record.FailureDetails,
        Tags = record.Tags,
        BusinessKeys = record.BusinessKeys,
        Parent = record.Parent,
        Generation = record.Generation,
        RequestedInputsAndOutputs = withPayloads,
        DataConverter = _converter,
    };

    private sealed class PollingWaiter(TimeProvider timeProvider, WorkSignal? signal) : IInstanceWaiter
    {
        private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

        private readonly WorkSignal _signal = signal ?? new WorkSignal();

        public Task BeginWait() => _signal.NextPulse;

        public Task WaitAsync(string instanceId, Task begun, CancellationToken cancellationToken) =>
            _signal.WaitAsync(begun, PollInterval, timeProvider, cancellationToken);
    }
}
