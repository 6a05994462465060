namespace Dispatch.Workflow.Storage;

/// <summary>A stored value with the ETag that guards its next update.</summary>
internal sealed record Stored<T>(T Value, string ETag);
