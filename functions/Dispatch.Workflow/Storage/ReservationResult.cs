namespace Dispatch.Workflow.Storage;

/// <summary>The outcome of reserving a cadre: won, or held by another assignment.</summary>
internal sealed record ReservationResult(bool Succeeded, string? HeldBy)
{
    public static ReservationResult Won { get; } = new(true, null);
}
