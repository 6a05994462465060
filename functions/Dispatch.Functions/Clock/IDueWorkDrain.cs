namespace Dispatch.Functions.Clock;

/// <summary>Processes every piece of engine work due at the current (manual) time before returning.</summary>
internal interface IDueWorkDrain
{
    /// <summary>Runs due work until nothing due remains; returns how many items were processed.</summary>
    Task<int> DrainAsync(CancellationToken cancellationToken = default);
}
