namespace Dispatch.Durable.Storage.Tables;

/// <summary>A payload (input, output, event, custom status) is larger than one Table Storage entity can hold, even split across properties.</summary>
public sealed class OrchestrationPayloadTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationPayloadTooLargeException()
        : base("A payload is too large for Table Storage.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestrationPayloadTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public OrchestrationPayloadTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
