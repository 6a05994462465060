namespace Dispatch.Workflow.Selection;

/// <summary>The cadre proposed for one village, with the evaluation HR sees; no cadre when none is eligible.</summary>
/// <param name="VillageId">The village.</param>
/// <param name="CadreId">The proposed cadre, or null.</param>
/// <param name="Evaluation">The proposed cadre's evaluation, or null.</param>
public sealed record Proposal(string VillageId, string? CadreId, CandidateEvaluation? Evaluation);
