namespace Dispatch.Functions.CustomHandler;

/// <summary>The outcome of one drain of due work.</summary>
/// <param name="Processed">Work items completed (orchestration steps and activities).</param>
/// <param name="MoreDue">Whether due work was left when the budget ran out.</param>
/// <param name="NextDueAt">When the next known work falls due, if any.</param>
internal sealed record DueWorkDrainResult(int Processed, bool MoreDue, DateTimeOffset? NextDueAt = null);
