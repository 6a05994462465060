using System.Text.Json;
using Dispatch.Workflow.Domain;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Errors;

/// <summary>
/// Turns exceptions that describe bad input into RFC 7807 answers with field errors
/// (<c>errors: {field: [message]}</c>); anything else becomes a 500 without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        var problem = ToProblem(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        }
        else
        {
            LogRefused(logger, problem.Status ?? 400, httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    /// <summary>Maps an exception to the problem it answers with.</summary>
    public static ProblemDetails ToProblem(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case BadHttpRequestException { InnerException: JsonException inner }:
                return ToProblem(inner);
            case JsonException json when MissingRequired(json.Message) is { Count: > 0 } missing:
                return new HttpValidationProblemDetails(missing.ToDictionary(m => m, _ => new[] { "This field is required." }, StringComparer.Ordinal))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more fields are not valid.",
                };
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } bad:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Request body too large",
                    Detail = bad.Message,
                };
            case BadHttpRequestException other:
                return new ProblemDetails { Status = other.StatusCode, Title = "Bad request", Detail = other.Message };
            case JsonException json:
                return Validation(JsonField(json), JsonMessage(json));
            case ValidationFailedException failed:
                return new HttpValidationProblemDetails(failed.Errors.ToDictionary()) { Status = StatusCodes.Status400BadRequest, Title = "One or more fields are not valid." };
            case RequestValidationException validation:
                return new HttpValidationProblemDetails(validation.Errors.ToDictionary(StringComparer.Ordinal)) { Status = StatusCodes.Status400BadRequest, Title = "One or more fields are not valid." };
            case ArgumentException argument:
                return Validation(string.IsNullOrEmpty(argument.ParamName) ? "request" : JsonNamingPolicy.CamelCase.ConvertName(argument.ParamName), StripParamSuffix(argument));
            case KeyNotFoundException notFound:
                return new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = notFound.Message };
            case OperationCanceledException:
                return new ProblemDetails { Status = 499, Title = "Request cancelled" };
            default:
                return new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }
    }

    private static HttpValidationProblemDetails Validation(string field, string message) =>
        new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
        };

    private static string StripParamSuffix(ArgumentException exception)
    {
        var message = exception.Message;
        var suffix = $" (Parameter '{exception.ParamName}')";
        return message.EndsWith(suffix, StringComparison.Ordinal) ? message[..^suffix.Length] : message;
    }

    // System.Text.Json names the offending member in Path ("$.cadres[2].birthDate"); unmapped members
    // are named only in the message, so the name is taken from there.
    private static string JsonField(JsonException json)
    {
        var unmapped = UnmappedMember(json.Message);
        var path = json.Path is { Length: > 0 } p ? p : "$";
        if (unmapped is not null)
        {
            var parent = path.TrimStart('$', '.');
            return parent.Length == 0 ? unmapped
                : parent == unmapped || parent.EndsWith("." + unmapped, StringComparison.Ordinal) ? parent
                : $"{parent}.{unmapped}";
        }

        return path == "$" ? "body" : path.TrimStart('$', '.');
    }

    private static string JsonMessage(JsonException json) =>
        UnmappedMember(json.Message) is { } member
            ? $"'{member}' is not a known field."
            : json.Path is { Length: > 1 }
                ? "The value is not valid here (check its type and format; dates are yyyy-MM-dd)."
                : "The body is not valid JSON.";

    // "JSON deserialization for type 'X' was missing required properties including: 'email', 'unit'."
    private static List<string> MissingRequired(string message)
    {
        const string Marker = "missing required properties including: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var list = message[(start + Marker.Length)..].TrimEnd('.', ' ');
        return [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => n.Trim('\''))];
    }

    private static string? UnmappedMember(string message)
    {
        const string Marker = "The JSON property '";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path} with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string method, string path, string reason);
}
