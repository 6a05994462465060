namespace Dispatch.Durable;

/// <summary>How an orchestration restarts itself with a fresh history.</summary>
public sealed record ContinueAsNewOptions
{
    /// <summary>Gets the input of the next execution.</summary>
    public object? NewInput { get; init; }

    /// <summary>Gets whether external events received but not yet consumed are carried into the next execution; true by default.</summary>
    public bool PreserveUnprocessedEvents { get; init; } = true;

    /// <summary>Gets the version of the next execution; the current version when null. This is how a multi-year instance migrates to new code at a boundary.</summary>
    public string? NewVersion { get; init; }
}
