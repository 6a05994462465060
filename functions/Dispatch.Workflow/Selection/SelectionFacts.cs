using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Selection;

/// <summary>What selection needs to know beyond the village and the cadre: who is taken, history, units.</summary>
public sealed class SelectionFacts
{
    /// <summary>Gets the day ages and work years are measured on (the round's start).</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Gets the cadres already assigned or reserved elsewhere, with the assignment holding them.</summary>
    public IReadOnlyDictionary<string, string> Taken { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets, per cadre, the villages the cadre served in before.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> PastVillages { get; init; } = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);

    /// <summary>Gets, per cadre, the grades of past reviews.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Grade>> PastGrades { get; init; } = new Dictionary<string, IReadOnlyList<Grade>>(StringComparer.Ordinal);

    /// <summary>Gets the dispatching units by id.</summary>
    public IReadOnlyDictionary<string, DispatchingUnit> Units { get; init; } = new Dictionary<string, DispatchingUnit>(StringComparer.Ordinal);
}
