namespace Dispatch.Workflow.Lifecycle;

/// <summary>One page of assignments; pass <see cref="ContinuationToken"/> back for the next.</summary>
/// <param name="Items">The assignments on this page (the overdue filter may leave a page short).</param>
/// <param name="ContinuationToken">The token of the next page, or null on the last.</param>
public sealed record AssignmentPage(IReadOnlyList<AssignmentSummary> Items, string? ContinuationToken);
