using System.Text.Json;
using Dispatch.Durable.Client;
using Dispatch.Functions.Errors;
using Dispatch.Functions.Security;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Durable;

/// <summary>
/// The Durable Functions HTTP management API (durable-model.md §2) over the engine's <see cref="DurableTaskClient"/>:
/// same routes, query parameters, JSON fields and status codes, so existing scripts and tools work.
/// </summary>
internal static partial class DurableApi
{
    /// <summary>The base path of every route.</summary>
    public const string BasePath = "/runtime/webhooks/durabletask";

    /// <summary>The paging header of the list route.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The largest page the list route returns.</summary>
    public const int MaxTop = 1000;

    /// <summary>Maps the routes under <see cref="BasePath"/>.</summary>
    public static IEndpointRouteBuilder MapDurableApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(BasePath).WithTags("Durable management").ProducesProblems(StatusCodes.Status400BadRequest);
        group.MapGet("/instances/{instanceId}", GetInstanceStatus).WithName("DurableGetStatus").RequireRole(DispatchRoles.StatusReadPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound).WithSummary("An instance's status: 202 while running, 200 when done.");
        group.MapGet("/instances", ListInstances).WithName("DurableListInstances").RequireRole(DispatchRoles.StatusReadPolicy)
            .WithSummary("Instances matching filters, paged with the x-ms-continuation-token header.");
        group.MapPost("/instances/{instanceId}/raiseEvent/{eventName}", RaiseEvent).WithName("DurableRaiseEvent").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/instances/{instanceId}/terminate", Terminate).WithName("DurableTerminate").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/instances/{instanceId}/suspend", Suspend).WithName("DurableSuspend").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/instances/{instanceId}/resume", Resume).WithName("DurableResume").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapDelete("/instances/{instanceId}", PurgeInstance).WithName("DurablePurgeInstance").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound);
        group.MapDelete("/instances", PurgeInstances).WithName("DurablePurgeInstances").RequireRole(DispatchRoles.AdminPolicy)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return routes;
    }

    /// <summary><c>GET /instances/{instanceId}</c>.</summary>
    public static async Task<Results<Ok<DurableStatusPayload>, Accepted<DurableStatusPayload>, JsonHttpResult<DurableStatusPayload>, ProblemHttpResult>> GetInstanceStatus(
        string instanceId,
        bool? showHistory,
        bool? showHistoryOutput,
        bool? showInput,
        bool? returnInternalServerErrorOnFailure,
        HttpContext http,
        [FromServices] DurableTaskClient client,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        Ids.Require(instanceId, nameof(instanceId));
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        var history = showHistory == true ? await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken) : null;
        var payload = DurableJson.Status(metadata, showInput ?? true, history, showHistoryOutput == true);
        switch (metadata.RuntimeStatus)
        {
            case OrchestrationRuntimeStatus.Failed when returnInternalServerErrorOnFailure == true:
                return TypedResults.Json(payload, statusCode: StatusCodes.Status500InternalServerError);
            case OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
                or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Canceled:
                return TypedResults.Ok(payload);
            default:
                http.Response.Headers.RetryAfter = "5";
                return TypedResults.Accepted(http.Request.GetEncodedUrl(), payload);
        }
    }

    /// <summary><c>GET /instances</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<DurableStatusPayload>>, ValidationProblem>> ListInstances(
        string? instanceIdPrefix,
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        string? runtimeStatus,
        bool? showInput,
        int? top,
        [FromHeader(Name = ContinuationHeader)] string? continuationToken,
        HttpContext http,
        [FromServices] DurableTaskClient client,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(client);
        if (top is < 1 or > MaxTop)
        {
            return Invalid("top", $"'top' must be from 1 to {MaxTop}.");
        }

        if (!TryParseStatuses(runtimeStatus, out var statuses, out var bad))
        {
            return Invalid("runtimeStatus", $"'{bad}' is not a runtime status; use {string.Join(", ", Enum.GetNames<OrchestrationRuntimeStatus>())}.");
        }

        var show = showInput == true;
        var page = await client.QueryInstancesAsync(
            new OrchestrationQuery
            {
                InstanceIdPrefix = string.IsNullOrEmpty(instanceIdPrefix) ? null : instanceIdPrefix,
                CreatedFrom = createdTimeFrom,
                CreatedTo = createdTimeTo,
                Statuses = statuses,
                PageSize = top ?? 100,
                FetchInputsAndOutputs = show,
                ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
            },
            cancellationToken);
        if (page.ContinuationToken is not null)
        {
            http.Response.Headers[ContinuationHeader] = page.ContinuationToken;
        }

        IReadOnlyList<DurableStatusPayload> items = [.. page.Instances.Select(m => DurableJson.Status(m, show, null, false))];
        return TypedResults.Ok(items);
    }

    /// <summary><c>POST /instances/{instanceId}/raiseEvent/{eventName}</c>.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult, ValidationProblem>> RaiseEvent(
        string instanceId,
        string eventName,
        HttpRequest request,
        [FromServices] DurableTaskClient client,
        ILogger<DurableTaskClient> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        Ids.Require(instanceId, nameof(instanceId));
        if (string.IsNullOrWhiteSpace(eventName) || eventName.Length > 200)
        {
            return Invalid("eventName", "The event name is required and has at most 200 characters.");
        }

        if (!request.HasJsonContentType())
        {
            return Invalid("body", "The event payload must be sent as application/json.");
        }

        JsonElement? payload;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
            payload = document.RootElement.Clone();
        }
        catch (JsonException ex) when (ex.BytePositionInLine == 0 && ex.LineNumber == 0 && request.ContentLength is null or 0)
        {
            payload = null;
        }
        catch (JsonException)
        {
            return Invalid("body", "The event payload is not valid JSON.");
        }

        var gate = await CheckWritableAsync(client, instanceId, cancellationToken);
        if (gate is not null)
        {
            return gate;
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, cancellationToken);
        LogManagement(logger, "raiseEvent " + eventName, instanceId);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary><c>POST /instances/{instanceId}/terminate</c>.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> Terminate(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, ILogger<DurableTaskClient> logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ManageAsync(client, instanceId, "terminate", logger, c => client.TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(reason), c), cancellationToken);
    }

    /// <summary><c>POST /instances/{instanceId}/suspend</c>.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> Suspend(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, ILogger<DurableTaskClient> logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ManageAsync(client, instanceId, "suspend", logger, c => client.SuspendInstanceAsync(instanceId, reason, c), cancellationToken);
    }

    /// <summary><c>POST /instances/{instanceId}/resume</c>.</summary>
    public static async Task<Results<Accepted, ProblemHttpResult>> Resume(
        string instanceId, string? reason, [FromServices] DurableTaskClient client, ILogger<DurableTaskClient> logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ManageAsync(client, instanceId, "resume", logger, c => client.ResumeInstanceAsync(instanceId, reason, c), cancellationToken);
    }

    /// <summary><c>DELETE /instances/{instanceId}</c>: 200 with the count, 404 when nothing was purged.</summary>
    public static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult>> PurgeInstance(
        string instanceId, [FromServices] DurableTaskClient client, ILogger<DurableTaskClient> logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        Ids.Require(instanceId, nameof(instanceId));
        var result = await client.PurgeInstanceAsync(instanceId, cancellationToken: cancellationToken);
        if (result.PurgedInstanceCount == 0)
        {
            return NotFound(instanceId, "No completed, failed or terminated instance with this id was found to purge.");
        }

        LogManagement(logger, "purge", instanceId);
        return TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    /// <summary><c>DELETE /instances</c>: <c>createdTimeFrom</c> is required; 404 when nothing was purged.</summary>
    public static async Task<Results<Ok<PurgeHistoryResult>, ProblemHttpResult, ValidationProblem>> PurgeInstances(
        DateTimeOffset? createdTimeFrom,
        DateTimeOffset? createdTimeTo,
        string? runtimeStatus,
        [FromServices] DurableTaskClient client,
        TimeProvider clock,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        if (createdTimeFrom is null)
        {
            return Invalid("createdTimeFrom", "'createdTimeFrom' is required to purge many instances.");
        }

        if (!TryParseStatuses(runtimeStatus, out var statuses, out var bad))
        {
            return Invalid("runtimeStatus", $"'{bad}' is not a runtime status.");
        }

        var result = await client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(createdTimeFrom, createdTimeTo ?? clock.GetUtcNow(), statuses),
            cancellationToken: cancellationToken);
        return result.PurgedInstanceCount == 0
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nothing to purge", detail: "No instance matched the filter.")
            : TypedResults.Ok(new PurgeHistoryResult(result.PurgedInstanceCount));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> ManageAsync(
        [FromServices] DurableTaskClient client, string instanceId, string operation, ILogger logger, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        Ids.Require(instanceId, nameof(instanceId));
        var gate = await CheckWritableAsync(client, instanceId, cancellationToken);
        if (gate is not null)
        {
            return gate;
        }

        await action(cancellationToken);
        LogManagement(logger, operation, instanceId);
        return TypedResults.Accepted((string?)null);
    }

    // 404 for an unknown instance, 410 Gone for one that has finished, as Durable Functions answers.
    private static async Task<ProblemHttpResult?> CheckWritableAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, cancellationToken);
        if (metadata is null)
        {
            return NotFound(instanceId);
        }

        return metadata.RuntimeStatus.IsTerminal()
            ? TypedResults.Problem(
                statusCode: StatusCodes.Status410Gone,
                title: "Instance has finished",
                detail: $"Instance '{instanceId}' is {metadata.RuntimeStatus}; it takes no more events or commands.")
            : null;
    }

    private static bool TryParseStatuses(string? text, out IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses, out string? bad)
    {
        statuses = null;
        bad = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var list = new List<OrchestrationRuntimeStatus>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || int.TryParse(part, out _))
            {
                bad = part;
                return false;
            }

            list.Add(status);
        }

        statuses = list;
        return true;
    }

    private static ProblemHttpResult NotFound(string instanceId, string? detail = null) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Instance not found",
            detail: detail ?? $"No orchestration instance has the id '{instanceId}'.");

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    [LoggerMessage(Level = LogLevel.Information, Message = "Durable management: {Operation} on instance {InstanceId}")]
    private static partial void LogManagement(ILogger logger, string operation, string instanceId);
}
