using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;

namespace Dispatch.Workflow.Selection;

/// <summary>
/// Proposes cadres for villages (先定村、再定人): the whole round at once by optimal assignment, or one
/// village against the cadres still free.
/// </summary>
public sealed class RoundMatcher
{
    private readonly CandidateEvaluator _evaluator;

    /// <summary>Creates a matcher for one round's facts.</summary>
    public RoundMatcher(WorkflowPolicy policy, SelectionFacts facts)
    {
        _evaluator = new CandidateEvaluator(policy, facts);
    }

    /// <summary>Gets the evaluator the matcher uses.</summary>
    public CandidateEvaluator Evaluator => _evaluator;

    /// <summary>
    /// Proposes one cadre per village maximizing the total score (most villages served first), one
    /// cadre per village, over the cadres that pass every hard rule.
    /// </summary>
    public IReadOnlyList<Proposal> ProposeRound(IReadOnlyList<Village> villages, IReadOnlyList<Cadre> cadres)
    {
        ArgumentNullException.ThrowIfNull(villages);
        ArgumentNullException.ThrowIfNull(cadres);
        var eligible = cadres.Where(c => _evaluator.IsEligible(c, null)).ToList();
        var skills = eligible.Select(c => (IReadOnlySet<string>)c.Skills.ToHashSet(StringComparer.Ordinal)).ToList();
        var rows = villages.Count;
        var columns = eligible.Count;
        var weights = new long[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                weights[(r * columns) + c] = _evaluator.MatchWeight(villages[r], eligible[c], skills[c]);
            }
        }

        var chosen = HungarianMatcher.Solve(weights, rows, columns);
        var proposals = new List<Proposal>(rows);
        for (var r = 0; r < rows; r++)
        {
            proposals.Add(chosen[r] < 0
                ? new Proposal(villages[r].Id, null, null)
                : new Proposal(villages[r].Id, eligible[chosen[r]].Id, _evaluator.Evaluate(villages[r], eligible[chosen[r]])));
        }

        return proposals;
    }

    /// <summary>Proposes the best eligible cadre for one village, skipping <paramref name="exclude"/>.</summary>
    public Proposal ProposeOne(Village village, IEnumerable<Cadre> cadres, string? forAssignmentId = null, IReadOnlySet<string>? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(village);
        ArgumentNullException.ThrowIfNull(cadres);
        Cadre? best = null;
        var bestWeight = long.MinValue;
        foreach (var cadre in cadres)
        {
            if ((exclude is not null && exclude.Contains(cadre.Id)) || !_evaluator.IsEligible(cadre, forAssignmentId))
            {
                continue;
            }

            var weight = _evaluator.MatchWeight(village, cadre);
            if (weight > bestWeight || (weight == bestWeight && string.CompareOrdinal(cadre.Id, best!.Id) < 0))
            {
                best = cadre;
                bestWeight = weight;
            }
        }

        return best is null
            ? new Proposal(village.Id, null, null)
            : new Proposal(village.Id, best.Id, _evaluator.Evaluate(village, best, forAssignmentId));
    }
}
