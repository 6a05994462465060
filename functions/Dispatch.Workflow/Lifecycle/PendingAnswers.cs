using System.Collections.Concurrent;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// The check-ins this process has sent an answer for that the orchestration may not have stored yet, so that
/// a second answer in that window is refused as already answered (the first one stands) rather than accepted
/// and then ignored. Only a hint for this process: the orchestration is what keeps the first answer.
/// </summary>
internal sealed class PendingAnswers(TimeProvider time)
{
    // Far longer than an answer waits to be stored (at once with the standalone worker, within a minute on
    // Azure Functions); after that the check-in row itself says it was answered.
    private static readonly TimeSpan Hold = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _sent = new(StringComparer.Ordinal);
    private long _prunedAtTicks;

    /// <summary>Marks <paramref name="checkInId"/> as answered; false when an answer was sent for it within the hold.</summary>
    public bool TryMark(string checkInId)
    {
        var now = time.GetUtcNow();
        var pruned = Interlocked.Read(ref _prunedAtTicks);
        if (now.UtcTicks - pruned >= PruneEvery.Ticks && Interlocked.CompareExchange(ref _prunedAtTicks, now.UtcTicks, pruned) == pruned)
        {
            // At most once a minute, by one caller: a month's deadline brings thousands of answers at once.
            foreach (var (id, at) in _sent)
            {
                if (now - at >= Hold)
                {
                    _sent.TryRemove(new KeyValuePair<string, DateTimeOffset>(id, at));
                }
            }
        }

        while (true)
        {
            if (_sent.TryAdd(checkInId, now))
            {
                return true;
            }

            if (!_sent.TryGetValue(checkInId, out var at))
            {
                continue;
            }

            if (now - at < Hold)
            {
                return false;
            }

            if (_sent.TryUpdate(checkInId, now, at))
            {
                return true;
            }
        }
    }

    /// <summary>Whether an answer for <paramref name="checkInId"/> was sent within the hold.</summary>
    public bool IsMarked(string checkInId) => _sent.TryGetValue(checkInId, out var at) && time.GetUtcNow() - at < Hold;

    /// <summary>Gets the number of marks held, expired ones included until the next prune (at most a minute later).</summary>
    public int Count => _sent.Count;

    /// <summary>Forgets a mark whose answer was not sent after all.</summary>
    public void Unmark(string checkInId) => _sent.TryRemove(checkInId, out _);
}
