using Dispatch.Durable.Client;
using Dispatch.Durable.Worker.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dispatch.Durable.Testing;

/// <summary>
/// Re-runs recorded histories against the current orchestrator code and names the first mismatch
/// (instance, history sequence number, expected vs actual) by throwing
/// <see cref="NonDeterministicOrchestrationException"/>. Run it in CI over histories recorded from
/// production-like runs, so a code change that would break in-flight multi-year instances fails the build.
/// </summary>
public sealed class ReplayChecker
{
    private readonly DurableTaskRegistry _registry = new();
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;

    /// <summary>Creates a checker for the orchestrators <paramref name="configure"/> registers.</summary>
    public ReplayChecker(Action<DurableTaskRegistry> configure, IServiceProvider? services = null, DataConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_registry);
        _services = services ?? new ServiceCollection().BuildServiceProvider();
        _converter = converter ?? JsonDataConverter.Default;
    }

    /// <summary>Replays <paramref name="history"/>; throws <see cref="NonDeterministicOrchestrationException"/> at the first mismatch.</summary>
    public void Replay(RecordedHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var started = history.Events.FirstOrDefault(e => e.EventType == HistoryEventType.ExecutionStarted)
            ?? throw new ArgumentException($"The history of '{history.InstanceId}' has no ExecutionStarted event.", nameof(history));
        var factory = _registry.FindOrchestrator(history.Name, history.Version)
            ?? throw new ArgumentException($"No orchestrator named '{history.Name}' (version '{history.Version}') is registered.", nameof(history));
        var now = history.Events.Count > 0 ? history.Events[^1].Timestamp : DateTimeOffset.UnixEpoch;
        var request = new ExecutionRequest(history.InstanceId, started.ExecutionId ?? history.InstanceId, history.Events, [], now, null, new Dictionary<string, string>());
        var result = new ReplayOrchestrationContext(request, factory(_services), _converter, NullLoggerFactory.Instance).Execute();

        var endIndex = LastIndex(history.Events, e => e.EventType is HistoryEventType.ExecutionCompleted or HistoryEventType.ExecutionFailed or HistoryEventType.ContinueAsNew);
        if (endIndex < 0)
        {
            return;
        }

        var recordedEnd = history.Events[endIndex];
        if (result.NewActions.Count > 0)
        {
            throw new NonDeterministicOrchestrationException(history.InstanceId, endIndex, $"{recordedEnd.EventType}", "took " + PendingAction.Describe(result.NewActions[0]));
        }

        var replayedEnd = result.ContinueAsNew is not null ? HistoryEventType.ContinueAsNew
            : result.Status == OrchestrationRuntimeStatus.Completed ? HistoryEventType.ExecutionCompleted
            : result.Status == OrchestrationRuntimeStatus.Failed ? HistoryEventType.ExecutionFailed
            : (HistoryEventType?)null;
        if (replayedEnd != recordedEnd.EventType)
        {
            throw new NonDeterministicOrchestrationException(history.InstanceId, endIndex, $"{recordedEnd.EventType}", replayedEnd is null ? "did not finish" : $"ended with {replayedEnd}");
        }
    }

    /// <summary>Replays every <c>*.json</c> recording in <paramref name="directory"/>; returns the ones replayed.</summary>
    public async Task<IReadOnlyList<RecordedHistory>> ReplayDirectoryAsync(string directory, CancellationToken cancellationToken = default)
    {
        var replayed = new List<RecordedHistory>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var history = await RecordedHistory.LoadAsync(file, cancellationToken);
            Replay(history);
            replayed.Add(history);
        }

        return replayed;
    }

    private static int LastIndex(IReadOnlyList<HistoryEvent> events, Func<HistoryEvent, bool> match)
    {
        for (var i = events.Count - 1; i >= 0; i--)
        {
            if (match(events[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
