namespace Dispatch.Durable.Worker.Execution;

/// <summary>An action the orchestrator code took, waiting to be matched with recorded history or committed as new.</summary>
internal sealed record PendingAction(HistoryEvent Event)
{
    public int TaskId => Event.EventId;

    public string Describe() => Describe(Event);

    public static string Describe(HistoryEvent e) => e.EventType switch
    {
        HistoryEventType.TimerCreated => $"TimerCreated (task id {e.EventId}, fire at {e.FireAt:O})",
        HistoryEventType.EventSent => $"EventSent '{e.Name}' to '{e.InstanceId}' (task id {e.EventId})",
        _ => $"{e.EventType} '{e.Name}' (task id {e.EventId})",
    };
}
