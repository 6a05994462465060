using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>POST /api/assignments/{id}/decision</c>.</summary>
/// <param name="Decision"><c>extend</c>, <c>rotate</c> or <c>end</c>.</param>
/// <param name="Note">HR's note.</param>
internal sealed record DecisionRequest(TermDecision Decision, string? Note);
