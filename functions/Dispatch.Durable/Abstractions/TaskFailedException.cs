namespace Dispatch.Durable;

/// <summary>
/// Thrown inside an orchestration when an activity or sub-orchestration it awaited failed. The stored
/// <see cref="FailureDetails"/> survive replay; the original exception does not.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {failureDetails?.ErrorMessage}")
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>Creates an exception with a message (serialisation and analyser convention).</summary>
    public TaskFailedException()
        : this("unknown", -1, new TaskFailureDetails(typeof(Exception).FullName!, "Unknown failure."))
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public TaskFailedException(string message)
        : this("unknown", -1, new TaskFailureDetails(typeof(Exception).FullName!, message))
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public TaskFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        TaskName = "unknown";
        TaskId = -1;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Gets the name of the failed activity or sub-orchestrator.</summary>
    public string TaskName { get; }

    /// <summary>Gets the task id (sequence number of the scheduling action) of the failed task.</summary>
    public int TaskId { get; }

    /// <summary>Gets the stored failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
