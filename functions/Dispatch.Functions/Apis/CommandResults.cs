using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Dispatch.Functions.Apis;

/// <summary>Maps the workflow's command outcomes to HTTP: 202, 400 with field errors, 404, 409, 410.</summary>
internal static class CommandResults
{
    /// <summary>The HTTP answer for <paramref name="result"/>.</summary>
    public static Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult> ToHttp(CommandResult result, string assignmentId)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            CommandStatus.Accepted => TypedResults.Accepted((string?)null, new CommandAccepted(assignmentId, result.Message, result.Late)),
            CommandStatus.Invalid => TypedResults.ValidationProblem(result.Errors.ToDictionary(), detail: result.Message),
            CommandStatus.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: result.Message),
            CommandStatus.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                detail: result.Message,
                extensions: result.FreshProposal is null ? null : new Dictionary<string, object?> { ["freshProposal"] = result.FreshProposal }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: "No longer possible", detail: result.Message),
        };
    }
}
