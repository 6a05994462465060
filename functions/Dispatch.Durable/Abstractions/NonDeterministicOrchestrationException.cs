namespace Dispatch.Durable;

/// <summary>
/// The orchestrator's code no longer produces the actions its recorded history says it produced. The
/// instance fails with this message instead of silently diverging.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception for a mismatch at a history position.</summary>
    /// <param name="instanceId">The instance replayed.</param>
    /// <param name="sequenceNumber">The zero-based position of the history event that does not match.</param>
    /// <param name="expected">What the history recorded.</param>
    /// <param name="actual">What the current code did.</param>
    public NonDeterministicOrchestrationException(string instanceId, int sequenceNumber, string expected, string actual)
        : base($"Non-deterministic orchestration detected in instance '{instanceId}' at history sequence number {sequenceNumber}: expected {expected}, but the current code {actual}.")
    {
        InstanceId = instanceId;
        SequenceNumber = sequenceNumber;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Creates the exception (analyser convention).</summary>
    public NonDeterministicOrchestrationException()
        : this("unknown", -1, "unknown", "unknown")
    {
    }

    /// <summary>Creates the exception with a message (analyser convention).</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
        InstanceId = "unknown";
        Expected = message;
        Actual = message;
        SequenceNumber = -1;
    }

    /// <summary>Creates the exception with a message and inner exception (analyser convention).</summary>
    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
        InstanceId = "unknown";
        Expected = message;
        Actual = message;
        SequenceNumber = -1;
    }

    /// <summary>Gets the instance whose history did not replay.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the zero-based history position of the first mismatch.</summary>
    public int SequenceNumber { get; }

    /// <summary>Gets a description of what the history recorded.</summary>
    public string Expected { get; }

    /// <summary>Gets a description of what the current code did instead.</summary>
    public string Actual { get; }
}
