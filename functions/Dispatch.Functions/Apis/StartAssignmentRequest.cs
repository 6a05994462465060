namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>POST /api/assignments</c>.</summary>
/// <param name="RoundId">The round.</param>
/// <param name="VillageId">The village.</param>
internal sealed record StartAssignmentRequest(string RoundId, string VillageId);
