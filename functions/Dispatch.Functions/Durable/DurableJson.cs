using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dispatch.Durable;
using Dispatch.Durable.Client;

namespace Dispatch.Functions.Durable;

/// <summary>Shapes engine metadata and history as Durable Functions' HTTP API shows them.</summary>
internal static class DurableJson
{
    // Events Durable Functions leaves out of historyEvents: scheduling markers whose data the completion carries.
    private static readonly HashSet<HistoryEventType> Hidden =
    [
        HistoryEventType.OrchestratorStarted,
        HistoryEventType.OrchestratorCompleted,
        HistoryEventType.TaskScheduled,
        HistoryEventType.SubOrchestrationInstanceCreated,
        HistoryEventType.TimerCreated,
    ];

    /// <summary>Formats a time as Durable Functions does: to the second, UTC, trailing Z.</summary>
    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Parses stored JSON for embedding; text that is not JSON is embedded as a string.</summary>
    public static JsonNode? Parse(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    /// <summary>Builds the status payload.</summary>
    public static DurableStatusPayload Status(OrchestrationMetadata metadata, bool showInput, IList<HistoryEvent>? history, bool showHistoryOutput)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new DurableStatusPayload
        {
            Name = metadata.Name,
            InstanceId = metadata.InstanceId,
            RuntimeStatus = metadata.RuntimeStatus.ToString(),
            Input = showInput ? Parse(metadata.SerializedInput) : null,
            CustomStatus = Parse(metadata.SerializedCustomStatus),
            Output = Parse(metadata.SerializedOutput) ?? (metadata.FailureDetails is { } failure ? JsonValue.Create(failure.ToString()) : null),
            CreatedTime = Time(metadata.CreatedAt),
            LastUpdatedTime = Time(metadata.LastUpdatedAt),
            HistoryEvents = history is null ? null : History(history, showInput, showHistoryOutput),
        };
    }

    /// <summary>Converts history as Durable Functions' <c>ConvertHistoryToJsonArray</c> does (PascalCase fields).</summary>
    public static JsonArray History(IList<HistoryEvent> history, bool showInput, bool showHistoryOutput)
    {
        ArgumentNullException.ThrowIfNull(history);
        var scheduled = new Dictionary<int, HistoryEvent>();
        var array = new JsonArray();
        foreach (var e in history)
        {
            if (e.EventType is HistoryEventType.TaskScheduled or HistoryEventType.SubOrchestrationInstanceCreated)
            {
                scheduled[e.EventId] = e;
            }

            if (Hidden.Contains(e.EventType))
            {
                continue;
            }

            var item = new JsonObject { ["EventType"] = e.EventType.ToString(), ["Timestamp"] = Time(e.Timestamp) };
            switch (e.EventType)
            {
                case HistoryEventType.ExecutionStarted:
                    item["FunctionName"] = e.Name;
                    if (showInput)
                    {
                        item["Input"] = Parse(e.Input);
                    }

                    break;
                case HistoryEventType.TaskCompleted or HistoryEventType.TaskFailed
                    or HistoryEventType.SubOrchestrationInstanceCompleted or HistoryEventType.SubOrchestrationInstanceFailed:
                    if (e.TaskScheduledId is { } id && scheduled.TryGetValue(id, out var origin))
                    {
                        item["FunctionName"] = origin.Name;
                        item["ScheduledTime"] = Time(origin.Timestamp);
                    }

                    AddResult(item, e, showHistoryOutput);
                    break;
                case HistoryEventType.ExecutionCompleted:
                    item["OrchestrationStatus"] = e.FailureDetails is null ? nameof(OrchestrationRuntimeStatus.Completed) : nameof(OrchestrationRuntimeStatus.Failed);
                    AddResult(item, e, showHistoryOutput);
                    break;
                case HistoryEventType.ExecutionFailed:
                    item["OrchestrationStatus"] = nameof(OrchestrationRuntimeStatus.Failed);
                    AddResult(item, e, showHistoryOutput);
                    break;
                case HistoryEventType.TimerFired:
                    if (e.FireAt is { } fireAt)
                    {
                        item["FireAt"] = Time(fireAt);
                    }

                    break;
                case HistoryEventType.EventRaised or HistoryEventType.EventSent:
                    item["Name"] = e.Name;
                    if (showHistoryOutput)
                    {
                        item["Input"] = Parse(e.Input);
                    }

                    break;
                case HistoryEventType.ExecutionTerminated or HistoryEventType.ExecutionSuspended or HistoryEventType.ExecutionResumed:
                    if (e.Reason is not null)
                    {
                        item["Reason"] = e.Reason;
                    }

                    break;
                case HistoryEventType.ContinueAsNew:
                    if (showHistoryOutput)
                    {
                        item["Result"] = Parse(e.Result ?? e.Input);
                    }

                    break;
            }

            array.Add(item);
        }

        return array;
    }

    private static void AddResult(JsonObject item, HistoryEvent e, bool showHistoryOutput)
    {
        if (e.FailureDetails is { } failure)
        {
            item["FailureDetails"] = new JsonObject { ["ErrorType"] = failure.ErrorType, ["ErrorMessage"] = failure.ErrorMessage };
        }

        if (showHistoryOutput)
        {
            item["Result"] = Parse(e.Result);
        }
    }
}
