using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;

namespace Dispatch.Functions.Clock;

/// <summary>
/// Drives the engine on the manual clock: moves time from due time to due time, processing what falls due
/// at each stop, so a month of reminders and escalations happens in order within one call.
/// </summary>
internal sealed class ManualClockDriver(ManualTimeProvider clock, DurableTaskWorker worker)
{
    // A drain that makes no progress while work is due "now" means another worker holds the lease; stop, don't spin.
    private const int MaxIdleRounds = 3;

    /// <summary>Gets the clock.</summary>
    public ManualTimeProvider Clock => clock;

    /// <summary>Processes everything due at the current time; returns the work items processed.</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken = default)
    {
        var result = await worker.DrainDueWorkAsync(TimeSpan.MaxValue, cancellationToken);
        return result.OrchestrationSteps + result.ActivitiesExecuted;
    }

    /// <summary>Moves the clock to <paramref name="target"/>, stopping at every due time to process it.</summary>
    public async Task<int> AdvanceToAsync(DateTimeOffset target, CancellationToken cancellationToken = default)
    {
        var processed = 0;
        var idle = 0;
        while (true)
        {
            var result = await worker.DrainDueWorkAsync(TimeSpan.MaxValue, cancellationToken);
            var done = result.OrchestrationSteps + result.ActivitiesExecuted;
            processed += done;
            if (result.NextDueAt is not { } due || due > target)
            {
                break;
            }

            if (due > clock.GetUtcNow())
            {
                clock.SetUtcNow(due);
                idle = 0;
            }
            else if (done == 0 && ++idle >= MaxIdleRounds)
            {
                break;
            }
        }

        if (target > clock.GetUtcNow())
        {
            clock.SetUtcNow(target);
        }

        return processed + await DrainAsync(cancellationToken);
    }
}
