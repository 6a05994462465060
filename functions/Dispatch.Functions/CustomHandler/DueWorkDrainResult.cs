namespace Dispatch.Functions.CustomHandler;

/// <summary>The outcome of one drain of due work.</summary>
/// <param name="Processed">Work items completed.</param>
/// <param name="MoreDue">Whether due work was left when the budget ran out.</param>
internal sealed record DueWorkDrainResult(int Processed, bool MoreDue);
