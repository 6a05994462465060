namespace Dispatch.Functions.CustomHandler;

/// <summary>Advances the durable work that is due (timers, activities, events) within a time budget.</summary>
/// <remarks>
/// The timer function talks to this seam rather than to the engine's worker directly so it can be tested
/// with a double and so the custom-handler payload handling stays independent of the engine's types.
/// </remarks>
internal interface IDueWorkDrainer
{
    /// <summary>Processes due work until nothing is due or <paramref name="budget"/> is spent.</summary>
    /// <param name="budget">How long this call may keep taking new work; work in hand is finished.</param>
    /// <param name="cancellationToken">Stops the drain early (the Functions host gave up on the invocation).</param>
    /// <returns>What was done.</returns>
    Task<DueWorkDrainResult> DrainDueWorkAsync(TimeSpan budget, CancellationToken cancellationToken = default);
}
