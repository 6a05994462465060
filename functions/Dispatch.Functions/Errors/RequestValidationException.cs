namespace Dispatch.Functions.Errors;

/// <summary>Bad input found by the host, answered as a 400 ProblemDetails with field errors.</summary>
internal sealed class RequestValidationException : Exception
{
    /// <summary>Creates the exception from field errors.</summary>
    public RequestValidationException(IDictionary<string, string[]> errors)
        : base(Describe(errors))
    {
        Errors = new Dictionary<string, string[]>(errors, StringComparer.Ordinal);
    }

    /// <summary>Creates the exception for one field.</summary>
    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
    {
    }

    /// <summary>Gets the messages by field name.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    private static string Describe(IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));
    }
}
