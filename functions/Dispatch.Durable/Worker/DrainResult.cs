namespace Dispatch.Durable.Worker;

/// <summary>What one <see cref="DurableTaskWorker.DrainDueWorkAsync"/> call did.</summary>
/// <param name="OrchestrationSteps">Orchestration steps committed.</param>
/// <param name="ActivitiesExecuted">Activities run and completed.</param>
/// <param name="Claims">Claim requests made.</param>
/// <param name="NextDueAt">When the next known work falls due, or null when nothing is pending.</param>
/// <param name="BudgetExhausted">True when the time budget ended the drain while work may remain.</param>
public sealed record DrainResult(int OrchestrationSteps, int ActivitiesExecuted, int Claims, DateTimeOffset? NextDueAt, bool BudgetExhausted);
