namespace Dispatch.Durable.Backend;

/// <summary>A commit lost a race: the instance changed since it was loaded, or the lease was lost. Nothing was written.</summary>
public sealed class OrchestrationConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationConcurrencyException()
        : base("The instance changed or its lease was lost; the step was not committed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public OrchestrationConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and inner exception.</summary>
    public OrchestrationConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
