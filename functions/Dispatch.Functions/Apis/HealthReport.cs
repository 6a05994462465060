namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>GET /health</c> when the host can serve.</summary>
/// <param name="Status"><c>ok</c> when the host can serve.</param>
/// <param name="Version">The host's version.</param>
/// <param name="Storage"><c>ok</c> when Table Storage answered (or the host keeps its data in memory).</param>
public sealed record HealthReport(string Status, string Version, string Storage);
