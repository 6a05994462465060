using Dispatch.Functions.CustomHandler;
using Dispatch.Testing;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>A drainer double: a count of due items, each taking <c>costPerItem</c> of fake time, drained until the budget runs out.</summary>
internal sealed class QueueDueWorkDrainer(FakeTimeProvider time, int dueItems, TimeSpan costPerItem) : IDueWorkDrainer
{
    public int Remaining { get; private set; } = dueItems;

    public List<TimeSpan> Budgets { get; } = [];

    public Task<DueWorkDrainResult> DrainDueWorkAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        Budgets.Add(budget);
        var started = time.GetTimestamp();
        var processed = 0;
        while (Remaining > 0 && time.GetElapsedTime(started) < budget)
        {
            cancellationToken.ThrowIfCancellationRequested();
            time.Advance(costPerItem);
            Remaining--;
            processed++;
        }

        return Task.FromResult(new DueWorkDrainResult(processed, Remaining > 0));
    }
}
