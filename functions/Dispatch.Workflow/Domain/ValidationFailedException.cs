namespace Dispatch.Workflow.Domain;

/// <summary>Bad input, with every field error; the host maps it to a 400 ProblemDetails.</summary>
public sealed class ValidationFailedException : ArgumentException
{
    /// <summary>Creates the exception from the collected errors.</summary>
    public ValidationFailedException(ValidationErrors errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one field.</summary>
    public ValidationFailedException(string field, string message)
        : this(Single(field, message))
    {
    }

    /// <summary>Gets the errors by field.</summary>
    public ValidationErrors Errors { get; }

    private static ValidationErrors Single(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return errors;
    }

    private static string Describe(ValidationErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "Invalid input: " + errors;
    }
}
