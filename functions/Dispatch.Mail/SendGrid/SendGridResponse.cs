using System.Net;

namespace Dispatch.Mail.SendGrid;

/// <summary>A successful Mail Send answer.</summary>
/// <param name="StatusCode">202 (queued) or 200 (sandbox mode: validated, not sent).</param>
/// <param name="MessageId">The <c>X-Message-Id</c> header, which prefixes <c>sg_message_id</c> in events; null if absent.</param>
/// <param name="Attempts">How many requests it took.</param>
public sealed record SendGridResponse(HttpStatusCode StatusCode, string? MessageId, int Attempts);
