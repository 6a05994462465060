namespace Dispatch.Functions.Apis;

/// <summary>The body of <c>GET /health</c>.</summary>
/// <param name="Status"><c>ok</c> when the host can serve.</param>
/// <param name="Version">The host's version.</param>
public sealed record HealthReport(string Status, string Version);
