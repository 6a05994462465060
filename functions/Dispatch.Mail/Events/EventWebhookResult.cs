namespace Dispatch.Mail.Events;

/// <summary>The outcome of <see cref="EventWebhookHandler.HandleAsync"/>.</summary>
/// <param name="Verified">False when the signature or timestamp failed: answer 403 and change nothing.</param>
/// <param name="Events">How many events the batch held.</param>
/// <param name="Bounced">Notice ids marked bounced (bounce, blocked or dropped) by this batch.</param>
/// <param name="Confirmed">In-doubt notice ids confirmed sent by a processed or delivered event.</param>
public sealed record EventWebhookResult(bool Verified, int Events, IReadOnlyList<string> Bounced, IReadOnlyList<string> Confirmed);
