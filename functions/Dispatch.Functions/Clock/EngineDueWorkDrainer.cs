using Dispatch.Durable.Worker;
using Dispatch.Functions.CustomHandler;

namespace Dispatch.Functions.Clock;

/// <summary>The timer function's drainer: the engine worker's own drain within the invocation's budget.</summary>
internal sealed class EngineDueWorkDrainer(DurableTaskWorker worker) : IDueWorkDrainer
{
    /// <inheritdoc />
    public async Task<DueWorkDrainResult> DrainDueWorkAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        var result = await worker.DrainDueWorkAsync(budget, cancellationToken);
        return new DueWorkDrainResult(result.OrchestrationSteps + result.ActivitiesExecuted, result.BudgetExhausted);
    }
}
