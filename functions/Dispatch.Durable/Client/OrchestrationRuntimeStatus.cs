namespace Dispatch.Durable.Client;

/// <summary>Runtime status of an instance; names and integer values are those of Durable Functions.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started and not finished.</summary>
    Running = 0,

    /// <summary>Finished normally.</summary>
    Completed = 1,

    /// <summary>Transitional value kept for compatibility; Dispatch never reports it.</summary>
    ContinuedAsNew = 2,

    /// <summary>Finished with an unhandled exception.</summary>
    Failed = 3,

    /// <summary>Kept for compatibility; unused.</summary>
    Canceled = 4,

    /// <summary>Stopped through the management API.</summary>
    Terminated = 5,

    /// <summary>Scheduled and not yet started.</summary>
    Pending = 6,

    /// <summary>Suspended through the management API.</summary>
    Suspended = 7,
}
