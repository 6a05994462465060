using Dispatch.Functions.Durable;

namespace Dispatch.Functions.Apis;

/// <summary>One assignment started (or found already started) by <c>POST /api/rounds/{id}/assignments</c>.</summary>
/// <param name="AssignmentId">The assignment and instance id.</param>
/// <param name="Created">False when it had been started before.</param>
/// <param name="Status">Where to poll and steer it.</param>
internal sealed record RoundStartResult(string AssignmentId, bool Created, CheckStatusPayload Status);
