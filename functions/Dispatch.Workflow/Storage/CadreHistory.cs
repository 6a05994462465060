using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Storage;

/// <summary>A cadre's past postings and grades, read by selection (repeat posting warning, past-grade score).</summary>
internal sealed record CadreHistory
{
    public required string CadreId { get; init; }

    public IReadOnlyList<string> Villages { get; init; } = [];

    public IReadOnlyList<Grade> Grades { get; init; } = [];
}
