namespace Dispatch.Workflow.Lifecycle;

/// <summary>Filters for listing assignments (<c>GET /api/assignments</c>).</summary>
public sealed record AssignmentFilter
{
    /// <summary>Gets the round.</summary>
    public string? RoundId { get; init; }

    /// <summary>Gets the township.</summary>
    public string? Township { get; init; }

    /// <summary>Gets the stage code (e.g. <c>term</c>).</summary>
    public string? Stage { get; init; }

    /// <summary>Gets, when set, whether only overdue (true) or only not overdue (false) assignments are returned.</summary>
    public bool? Overdue { get; init; }

    /// <summary>Gets the page size, 1–1000; 100 by default.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Gets the continuation token from the previous page.</summary>
    public string? ContinuationToken { get; init; }
}
