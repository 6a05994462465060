using Dispatch.Functions.Durable;
using Dispatch.Functions.Errors;
using Dispatch.Functions.Hosting;
using Dispatch.Functions.Security;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Apis;

/// <summary>Assignments: HR starts and steers them; managers (and HR) query them.</summary>
internal static partial class AssignmentsApi
{
    /// <summary>The paging header of the list route (also accepted as <c>?continuationToken=</c>).</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>Maps <c>/api/assignments</c> and the round routes that act on assignments.</summary>
    public static IEndpointRouteBuilder MapAssignmentsApi(this IEndpointRouteBuilder routes)
    {
        var hr = routes.MapGroup("/api").WithTags("Assignments").RequireRole(DispatchRoles.HrPolicy).ProducesProblems(StatusCodes.Status400BadRequest);
        hr.MapPost("/assignments", StartAssignment).WithName("StartAssignment")
            .WithSummary("Starts the assignment of a village in a round: 202 with Location and the check-status payload; repeating it starts nothing new.");
        hr.MapPost("/rounds/{roundId}/assignments", StartRound).WithName("StartRound")
            .WithSummary("Starts every village of a round, with proposals from one optimal matching.");
        hr.MapPost("/assignments/{assignmentId}/selection", SubmitSelection).WithName("SubmitSelection")
            .WithSummary("HR's choice of cadre (an override reason is required for warnings).");
        hr.MapPost("/assignments/{assignmentId}/recall", Recall).WithName("RecallSecretary").WithSummary("Recalls the secretary (召回) with a reason.");
        hr.MapPost("/assignments/{assignmentId}/decision", Decide).WithName("DecideTerm").WithSummary("After the term: extend, rotate or end.");

        var managers = routes.MapGroup("/api").WithTags("Assignments").RequireRole(DispatchRoles.ManagerPolicy).ProducesProblems(StatusCodes.Status400BadRequest);
        managers.MapGet("/assignments", ListAssignments).WithName("ListAssignments")
            .WithSummary("Assignments by round, township, stage and overdue, paged with a continuation token.");
        managers.MapGet("/assignments/{assignmentId}", GetAssignment).WithName("GetAssignment").ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Stage, village, secretary, handover, check-ins, reviews, next due action and runtime status.");
        managers.MapGet("/rounds/{roundId}/summary", GetRoundSummary).WithName("GetRoundSummary").ProducesProblems(StatusCodes.Status404NotFound)
            .WithSummary("Counts by stage, check-in answer rate per month, flags.");
        return routes;
    }

    /// <summary><c>POST /api/assignments</c>.</summary>
    public static async Task<Accepted<CheckStatusPayload>> StartAssignment(
        StartAssignmentRequest request,
        HttpRequest http,
        [FromServices] AssignmentService assignments,
        [FromServices] IOptions<DispatchHostOptions> options,
        [FromServices] ILogger<AssignmentService> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(request.RoundId, "roundId");
        Ids.Require(request.VillageId, "villageId");
        var started = await assignments.StartAssignmentAsync(request.RoundId, request.VillageId, cancellationToken);
        LogStarted(logger, started.AssignmentId, started.Created);
        var payload = CheckStatusPayload.Create(http, started.AssignmentId, options.Value.TaskHub);
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }

    /// <summary><c>POST /api/rounds/{roundId}/assignments</c>.</summary>
    public static async Task<Accepted<IReadOnlyList<RoundStartResult>>> StartRound(
        string roundId,
        HttpRequest http,
        [FromServices] AssignmentService assignments,
        [FromServices] IOptions<DispatchHostOptions> options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(roundId, nameof(roundId));
        var started = await assignments.StartRoundAsync(roundId, null, cancellationToken);
        IReadOnlyList<RoundStartResult> results =
            [.. started.Select(s => new RoundStartResult(s.AssignmentId, s.Created, CheckStatusPayload.Create(http, s.AssignmentId, options.Value.TaskHub)))];
        return TypedResults.Accepted($"{http.PathBase}/api/rounds/{Uri.EscapeDataString(roundId)}/summary", results);
    }

    /// <summary><c>POST /api/assignments/{assignmentId}/selection</c>.</summary>
    public static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> SubmitSelection(
        string assignmentId, SelectionRequest request, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(assignmentId, nameof(assignmentId));
        return CommandResults.ToHttp(await assignments.SubmitSelectionAsync(assignmentId, request, cancellationToken), assignmentId);
    }

    /// <summary><c>POST /api/assignments/{assignmentId}/recall</c>.</summary>
    public static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Recall(
        string assignmentId, RecallRequest request, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(assignmentId, nameof(assignmentId));
        return CommandResults.ToHttp(await assignments.RecallAsync(assignmentId, request.Reason, cancellationToken), assignmentId);
    }

    /// <summary><c>POST /api/assignments/{assignmentId}/decision</c>.</summary>
    public static async Task<Results<Accepted<CommandAccepted>, ValidationProblem, ProblemHttpResult>> Decide(
        string assignmentId, DecisionRequest request, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(assignmentId, nameof(assignmentId));
        return CommandResults.ToHttp(await assignments.DecideAsync(assignmentId, request.Decision, request.Note, cancellationToken), assignmentId);
    }

    /// <summary><c>GET /api/assignments</c>.</summary>
    public static async Task<Ok<AssignmentPage>> ListAssignments(
        string? roundId,
        string? township,
        string? stage,
        bool? overdue,
        int? pageSize,
        string? continuationToken,
        [FromHeader(Name = ContinuationHeader)] string? continuationHeader,
        HttpResponse response,
        [FromServices] AssignmentService assignments,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(assignments);
        if (roundId is not null)
        {
            Ids.Require(roundId, nameof(roundId));
        }

        if (pageSize is < 1 or > 1000)
        {
            throw new RequestValidationException(nameof(pageSize), "'pageSize' must be from 1 to 1000.");
        }

        var page = await assignments.ListAssignmentsAsync(
            new AssignmentFilter
            {
                RoundId = roundId,
                Township = string.IsNullOrWhiteSpace(township) ? null : township,
                Stage = string.IsNullOrWhiteSpace(stage) ? null : stage,
                Overdue = overdue,
                PageSize = pageSize ?? 100,
                ContinuationToken = continuationToken ?? continuationHeader,
            },
            cancellationToken);
        if (page.ContinuationToken is not null)
        {
            response.Headers[ContinuationHeader] = page.ContinuationToken;
        }

        return TypedResults.Ok(page);
    }

    /// <summary><c>GET /api/assignments/{assignmentId}</c>.</summary>
    public static async Task<Results<Ok<AssignmentDetails>, ProblemHttpResult>> GetAssignment(
        string assignmentId, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(assignmentId, nameof(assignmentId));
        var details = await assignments.GetAssignmentAsync(assignmentId, cancellationToken);
        return details is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No assignment has the id '{assignmentId}'.")
            : TypedResults.Ok(details);
    }

    /// <summary><c>GET /api/rounds/{roundId}/summary</c>.</summary>
    public static async Task<Results<Ok<RoundSummary>, ProblemHttpResult>> GetRoundSummary(
        string roundId, [FromServices] AssignmentService assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        Ids.Require(roundId, nameof(roundId));
        var summary = await assignments.GetRoundSummaryAsync(roundId, cancellationToken);
        return summary is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No round has the id '{roundId}'.")
            : TypedResults.Ok(summary);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assignment {AssignmentId} start requested (new instance: {Created})")]
    private static partial void LogStarted(ILogger logger, string assignmentId, bool created);
}
