using Dispatch.Functions.Errors;
using Dispatch.Functions.Security;
using Dispatch.Mail;
using Dispatch.Mail.Events;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.Transport;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Apis;

/// <summary>SendGrid's webhooks (inbound replies, delivery events) and, in outbox mode, the outbox listings.</summary>
internal static partial class MailApi
{
    /// <summary>The Event Webhook signature header.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The Event Webhook timestamp header.</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    /// <summary>Maps the webhooks, and the outbox listings when <paramref name="outbox"/>.</summary>
    public static IEndpointRouteBuilder MapMailApi(this IEndpointRouteBuilder routes, bool outbox, int maxInboundBytes)
    {
        // The webhooks prove themselves with a URL secret / basic auth and an ECDSA signature, not a Functions key.
        routes.MapPost("/api/inbound/sendgrid", ReceiveInbound).WithName("SendGridInboundParse").WithTags("Webhooks").AllowAnonymous()
            .WithBodyLimit(maxInboundBytes + (64 * 1024)).ProducesProblems(StatusCodes.Status401Unauthorized)
            .WithSummary("SendGrid Inbound Parse: a secretary's emailed check-in answer.");
        routes.MapPost("/api/events/sendgrid", ReceiveEvents).WithName("SendGridEventWebhook").WithTags("Webhooks").AllowAnonymous()
            .ProducesProblems(StatusCodes.Status403Forbidden).WithSummary("SendGrid Event Webhook (signed): bounces and drops mark notices.");
        if (outbox)
        {
            routes.MapGet("/api/admin/outbox", ListOutbox).WithName("ListOutbox").WithTags("Outbox").RequireRole(DispatchRoles.AdminPolicy)
                .WithSummary("Messages in the local outbox, filtered by recipient, kind and assignment, with their links.");
            routes.MapGet("/dev/outbox", ListOutbox).WithName("DevOutbox").WithTags("Outbox").RequireRole(DispatchRoles.AdminPolicy)
                .WithSummary("The local outbox (development): the same listing as /api/admin/outbox.");
        }

        return routes;
    }

    /// <summary><c>POST /api/inbound/sendgrid</c>: always 200 once authorized (the raw message is stored either way).</summary>
    public static async Task<Results<Ok<InboundAnswer>, ProblemHttpResult>> ReceiveInbound(
        HttpRequest request,
        string? secret,
        [FromServices] InboundRequestAuthorizer authorizer,
        [FromServices] InboundParseHandler handler,
        [FromServices] AssignmentService assignments,
        [FromServices] ILogger<InboundParseHandler> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(authorizer);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(assignments);
        if (!authorizer.IsAuthorized(secret, request.Headers.Authorization))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The inbound webhook secret or credentials are missing or wrong.");
        }

        var result = await handler.HandleAsync(request.Body, request.ContentType, cancellationToken);
        var recorded = false;
        if (result is { Status: InboundStatus.Accepted, Answer: { } answer })
        {
            var checkInId = result.SubjectId ?? CheckInRecord.IdFor(result.AssignmentId!, result.Period!);
            var command = await assignments.SubmitCheckInAsync(checkInId, answer, "email", cancellationToken);
            recorded = command.Status == CommandStatus.Accepted;
            LogInbound(logger, result.AssignmentId ?? string.Empty, checkInId, command.Status.ToString());
        }

        return TypedResults.Ok(new InboundAnswer(result.Status.ToString(), result.RawMessageId, recorded));
    }

    /// <summary><c>POST /api/events/sendgrid</c>: 403 when the signature fails, else 200.</summary>
    public static async Task<Results<Ok<EventWebhookResult>, ProblemHttpResult>> ReceiveEvents(
        HttpRequest request, [FromServices] EventWebhookHandler handler, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(handler);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var result = await handler.HandleAsync(buffer.ToArray(), request.Headers[SignatureHeader], request.Headers[TimestampHeader], cancellationToken);
        return result.Verified
            ? TypedResults.Ok(result)
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "The event webhook signature or timestamp is not valid.");
    }

    /// <summary><c>GET /api/admin/outbox</c> and <c>GET /dev/outbox</c>.</summary>
    public static Ok<IReadOnlyList<OutboxEntry>> ListOutbox(string? to, string? kind, string? assignmentId, [FromServices] OutboxIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (kind is not null && !Enum.TryParse<NoticeKind>(kind, ignoreCase: true, out _))
        {
            throw new RequestValidationException(nameof(kind), $"'{kind}' is not a notice kind; use one of {string.Join(", ", Enum.GetNames<NoticeKind>())}.");
        }

        return TypedResults.Ok(index.List(to, kind, assignmentId));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Emailed check-in {CheckInId} of assignment {AssignmentId}: {Outcome}")]
    private static partial void LogInbound(ILogger logger, string assignmentId, string checkInId, string outcome);
}
