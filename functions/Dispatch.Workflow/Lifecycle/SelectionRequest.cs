namespace Dispatch.Workflow.Lifecycle;

/// <summary>HR's selection for an assignment (<c>POST /api/assignments/{id}/selection</c>).</summary>
/// <param name="CadreId">The chosen cadre (the proposal or any eligible cadre).</param>
/// <param name="Note">HR's note.</param>
/// <param name="OverrideReason">Required when the cadre carries warnings (回避, unit regulates the village, repeat posting).</param>
public sealed record SelectionRequest(string CadreId, string? Note, string? OverrideReason = null);
