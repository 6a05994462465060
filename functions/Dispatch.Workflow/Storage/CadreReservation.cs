namespace Dispatch.Workflow.Storage;

/// <summary>Which assignment holds a cadre (reserved at HR's decision, kept while serving).</summary>
internal sealed record CadreReservation(string CadreId, string AssignmentId, DateTimeOffset Since);
