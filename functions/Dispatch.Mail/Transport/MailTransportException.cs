namespace Dispatch.Mail.Transport;

/// <summary>
/// A transport refused a message or stayed unavailable. For SendGrid, <see cref="StatusCode"/> is the HTTP status
/// and <see cref="Errors"/> holds SendGrid's error messages (also in <see cref="Exception.Message"/>).
/// </summary>
public sealed class MailTransportException : Exception
{
    /// <summary>Creates an exception without details.</summary>
    public MailTransportException()
        : this("The mail transport failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public MailTransportException(string message)
        : this(message, null, [], false)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public MailTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
        IsTransient = true;
    }

    /// <summary>Creates an exception with the provider's status code and error messages.</summary>
    public MailTransportException(string message, int? statusCode, IReadOnlyList<string> errors, bool isTransient)
        : base(message)
    {
        StatusCode = statusCode;
        Errors = errors;
        IsTransient = isTransient;
    }

    /// <summary>Gets the provider's HTTP status code, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the provider's error messages.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Gets whether retrying later may succeed (429, 5xx, timeouts); false for 400/401/403/413.</summary>
    public bool IsTransient { get; }
}
