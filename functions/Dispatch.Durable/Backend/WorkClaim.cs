namespace Dispatch.Durable.Backend;

/// <summary>The result of one claim: work due now, and when the next work falls due.</summary>
/// <param name="Orchestrations">Claimed instances, each with its due messages.</param>
/// <param name="Activities">Claimed activity work items.</param>
/// <param name="NextDueAt">
/// The earliest time something not claimed now becomes due (a message, a timer, a delayed start, an
/// expiring lease), or null when nothing is pending. The worker sleeps until then, so an idle host makes
/// no storage requests beyond its configured poll interval.
/// </param>
public sealed record WorkClaim(IReadOnlyList<OrchestrationWorkItem> Orchestrations, IReadOnlyList<ActivityWorkItem> Activities, DateTimeOffset? NextDueAt)
{
    /// <summary>Gets whether nothing was claimed.</summary>
    public bool IsEmpty => Orchestrations.Count == 0 && Activities.Count == 0;
}
