namespace Dispatch.Durable.Client;

/// <summary>Thrown when a start is refused because an instance with the same id exists in a blocking status.</summary>
public sealed class OrchestrationAlreadyExistsException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration instance with id '{instanceId}' already exists with status {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>Creates the exception (analyser convention).</summary>
    public OrchestrationAlreadyExistsException()
        : this("unknown", OrchestrationRuntimeStatus.Running)
    {
    }

    /// <summary>Creates the exception with a message (analyser convention).</summary>
    public OrchestrationAlreadyExistsException(string message)
        : base(message)
    {
        InstanceId = "unknown";
    }

    /// <summary>Creates the exception with a message and inner exception (analyser convention).</summary>
    public OrchestrationAlreadyExistsException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "unknown";
    }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the existing instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
