namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>POST /api/assignments/{id}/recall</c>.</summary>
/// <param name="Reason">Why the secretary is recalled (召回).</param>
internal sealed record RecallRequest(string Reason);
