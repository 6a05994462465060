namespace Dispatch.Durable;

/// <summary>
/// A failure as stored in history: serialisable, replayable, never a live exception.
/// </summary>
/// <param name="ErrorType">The full name of the exception type, e.g. <c>System.InvalidOperationException</c>.</param>
/// <param name="ErrorMessage">The exception message.</param>
/// <param name="StackTrace">The stack trace, when known.</param>
/// <param name="InnerFailure">The inner failure, when any.</param>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Creates failure details from an exception, following inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // A TaskFailedException already carries the stored failure of the task that failed; keep it as the cause.
        if (exception is TaskFailedException failed)
        {
            return new TaskFailureDetails(typeof(TaskFailedException).FullName!, failed.Message, failed.StackTrace, failed.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>Returns whether this failure, or one of its inner failures, was caused by an exception of type <typeparamref name="T"/> (or a subtype, when the type is loaded).</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        for (var failure = this; failure is not null; failure = failure.InnerFailure)
        {
            if (failure.ErrorType == typeof(T).FullName)
            {
                return true;
            }

            var type = Type.GetType(failure.ErrorType, throwOnError: false) ?? typeof(T).Assembly.GetType(failure.ErrorType, throwOnError: false);
            if (type is not null && typeof(T).IsAssignableFrom(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
