using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle.Activities;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Selection;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>Loads what selection needs from storage and evaluates or proposes cadres.</summary>
internal sealed class SelectionService(WorkflowRepository repository)
{
    /// <summary>The facts of the whole county (every reservation, history and unit).</summary>
    public async Task<SelectionFacts> FactsAsync(DateOnly asOf, CancellationToken cancellationToken = default)
    {
        var histories = await repository.ListHistoriesAsync(cancellationToken);
        return new SelectionFacts
        {
            AsOf = asOf,
            Taken = await repository.ListReservationsAsync(cancellationToken),
            PastVillages = histories.ToDictionary(h => h.CadreId, h => (IReadOnlySet<string>)h.Villages.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
            PastGrades = histories.ToDictionary(h => h.CadreId, h => h.Grades, StringComparer.Ordinal),
            Units = (await repository.ListUnitsAsync(cancellationToken)).ToDictionary(u => u.Id, StringComparer.Ordinal),
        };
    }

    /// <summary>Evaluates one cadre for one village with only that cadre's facts (cheap: a handful of reads).</summary>
    public async Task<CandidateEvaluation?> EvaluateAsync(WorkflowPolicy policy, Village village, string cadreId, DateOnly asOf, string? forAssignmentId, CancellationToken cancellationToken = default)
    {
        var cadre = await repository.GetCadreAsync(cadreId, cancellationToken);
        if (cadre is null)
        {
            return null;
        }

        var holder = await repository.GetReservationHolderAsync(cadreId, cancellationToken);
        var history = await repository.GetHistoryAsync(cadreId, cancellationToken);
        var unit = await repository.GetUnitAsync(cadre.Unit, cancellationToken);
        var facts = new SelectionFacts
        {
            AsOf = asOf,
            Taken = holder is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [cadreId] = holder },
            PastVillages = new Dictionary<string, IReadOnlySet<string>> { [cadreId] = history.Villages.ToHashSet(StringComparer.Ordinal) },
            PastGrades = new Dictionary<string, IReadOnlyList<Grade>> { [cadreId] = history.Grades },
            Units = unit is null ? new Dictionary<string, DispatchingUnit>() : new Dictionary<string, DispatchingUnit> { [unit.Id] = unit },
        };
        return new CandidateEvaluator(policy, facts).Evaluate(village, cadre, forAssignmentId);
    }

    /// <summary>Proposes the best free eligible cadre for <paramref name="village"/>.</summary>
    public async Task<ProposalSummary> ProposeAsync(WorkflowPolicy policy, Village village, DateOnly asOf, string forAssignmentId, IReadOnlyCollection<string> exclude, CancellationToken cancellationToken = default)
    {
        var facts = await FactsAsync(asOf, cancellationToken);
        var cadres = await repository.ListCadresAsync(cancellationToken);
        var proposal = new RoundMatcher(policy, facts).ProposeOne(village, cadres, forAssignmentId, exclude.ToHashSet(StringComparer.Ordinal));
        return await SummarizeAsync(proposal.Evaluation, cancellationToken);
    }

    public async Task<ProposalSummary> SummarizeAsync(CandidateEvaluation? evaluation, CancellationToken cancellationToken = default)
    {
        if (evaluation is null)
        {
            return new ProposalSummary { Reasons = ["没有符合条件的人选 / no eligible cadre is free"] };
        }

        var cadre = await repository.GetCadreAsync(evaluation.CadreId, cancellationToken);
        var unit = cadre is null ? null : await repository.GetUnitAsync(cadre.Unit, cancellationToken);
        return new ProposalSummary
        {
            CadreId = evaluation.CadreId,
            CadreName = cadre?.Name,
            UnitName = unit?.Name ?? cadre?.Unit,
            Score = evaluation.Score,
            Reasons = evaluation.Parts.Select(p => $"{p.Criterion} {p.Points:+0;-0;0}: {p.Reason}").ToList(),
            Warnings = evaluation.Warnings.Select(w => $"{w.Code}: {w.Message}").ToList(),
        };
    }
}
