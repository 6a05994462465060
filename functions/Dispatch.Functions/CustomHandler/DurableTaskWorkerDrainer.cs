using Dispatch.Durable.Worker;

namespace Dispatch.Functions.CustomHandler;

/// <summary>The engine's worker as the timer function's drainer.</summary>
internal sealed class DurableTaskWorkerDrainer(DurableTaskWorker worker) : IDueWorkDrainer
{
    /// <inheritdoc/>
    public async Task<DueWorkDrainResult> DrainDueWorkAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var result = await worker.DrainDueWorkAsync(budget, cancellationToken).ConfigureAwait(false);
        return new DueWorkDrainResult(result.OrchestrationSteps + result.ActivitiesExecuted, result.BudgetExhausted, result.NextDueAt);
    }
}
