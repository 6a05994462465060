using System.Collections.Concurrent;
using Azure;
using Dispatch.Durable.Backend;
using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <content>
/// Work leased to this host when it is produced (see <see cref="TableOrchestrationBackendOptions.LeaseProducedWork"/>):
/// the lease marker is written in an index transaction the step needs anyway, and the item waits in memory
/// for this host's next claim, so a hop costs no claim query and no lease transaction.
/// </content>
public sealed partial class TableOrchestrationBackend
{
    /// <summary>Local claims between index queries, so that work of other hosts and clients is never starved.</summary>
    private const int MaxLocalClaimsPerQuery = 16;

    private static readonly TimeSpan MaxLocalClaimTime = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, long> _busy = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _dueBehindLocalLease = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OrchestrationWorkItem> _readyOrchestrations = new();
    private readonly ConcurrentQueue<ActivityWorkItem> _readyActivities = new();
    private volatile LocalOwner? _localOwner;

    // Set when this host writes a due row (a client call, a timer, a result that could not be leased here),
    // so the next claim queries the index instead of serving only local work.
    private volatile bool _indexDirty = true;
    private int _localClaimsSinceQuery;
    private long _lastQueryTimestamp;

    /// <summary>Takes work leased to this host at production, unless the index is due a query.</summary>
    /// <returns>The local items, and whether the caller must still query the index.</returns>
    private (List<OrchestrationWorkItem> Orchestrations, List<ActivityWorkItem> Activities, bool QueryIndex) TakeLocalWork(string owner, int maxInstances, int maxActivities, TimeSpan leaseDuration)
    {
        _localOwner = _options.LeaseProducedWork ? new LocalOwner(owner, leaseDuration) : null;
        var orchestrations = new List<OrchestrationWorkItem>();
        while (orchestrations.Count < maxInstances && _readyOrchestrations.TryDequeue(out var item))
        {
            orchestrations.Add(item);
        }

        var activities = new List<ActivityWorkItem>();
        while (activities.Count < maxActivities && _readyActivities.TryDequeue(out var item))
        {
            activities.Add(item);
        }

        if (orchestrations.Count + activities.Count == 0
            || _indexDirty
            || ++_localClaimsSinceQuery >= MaxLocalClaimsPerQuery
            || _time.GetElapsedTime(Interlocked.Read(ref _lastQueryTimestamp)) >= MaxLocalClaimTime)
        {
            _localClaimsSinceQuery = 0;
            _indexDirty = false;
            Interlocked.Exchange(ref _lastQueryTimestamp, _time.GetTimestamp());
            return (orchestrations, activities, true);
        }

        return (orchestrations, activities, false);
    }

    /// <summary>Whether another host holds the lease of <paramref name="key"/> (an instance id or activity marker key), as a lost claim found out.</summary>
    private bool IsBusy(string key, long nowTicks, out long until)
    {
        if (_busy.TryGetValue(key, out until))
        {
            if (until > nowTicks)
            {
                return true;
            }

            _busy.TryRemove(key, out _);
        }

        return false;
    }

    /// <summary>Notes the release of an instance lease this host held: due rows it skipped meanwhile need a query.</summary>
    private void ReleasedHere(string instanceId)
    {
        if (_dueBehindLocalLease.TryRemove(instanceId, out _))
        {
            _indexDirty = true;
        }
    }

    /// <summary>The lease marker of an activity produced by a step, owned by this host; null when produced work is not leased locally.</summary>
    private TableEntity? ProducedActivityMarker(string shard, ActivityWorkItem activity, DateTimeOffset now)
    {
        if (_localOwner is not { } local)
        {
            return null;
        }

        var marker = new TableEntity(shard, TableKeys.ActivityLease(activity.InstanceId, activity.Id))
        {
            ["Kind"] = "AL",
            ["InstanceId"] = activity.InstanceId,
            ["ItemId"] = activity.Id,
            ["DequeueCount"] = 0,
            ["Owner"] = local.Owner,
            ["ExpiresTicks"] = (now + local.LeaseDuration).UtcTicks,
        };
        var json = TablePayloads.ToJson(activity with { LeaseToken = null, DequeueCount = 0 });
        if (json.Length <= TablePayloads.InlineChars)
        {
            marker["Data"] = json;
        }

        return marker;
    }

    /// <summary>Hands the activities whose markers were written to this host's next claim.</summary>
    /// <remarks>
    /// Only the result of a step's sole activity later leases the instance directly: results of a fan-out go
    /// through the index, so that one claim hands them to one step together.
    /// </remarks>
    private void QueueProducedActivities(List<(ActivityWorkItem Activity, TableEntity Marker)> produced, List<(BatchAction Action, ETag ETag)> written)
    {
        foreach (var (activity, marker) in produced)
        {
            var done = written.Find(w => ReferenceEquals(w.Action.Action.Entity, marker));
            if (done.Action is null)
            {
                continue;
            }

            var token = Guid.NewGuid().ToString("N");
            _activityLeases[token] = new ActivityLease(activity.InstanceId, activity.Id, marker.PartitionKey, done.ETag, marker, LeaseResult: produced.Count == 1);
            _readyActivities.Enqueue(activity with { LeaseToken = token, DequeueCount = 0 });
        }
    }

    /// <summary>
    /// Releases a completed activity's lease and leases its instance to this host in one index transaction,
    /// handing the result to the next claim. Returns false, writing nothing, when that is not possible (the
    /// instance is leased, here or elsewhere, or produced work is not leased locally).
    /// </summary>
    private async Task<bool> TryLeaseResultAsync(ActivityLease lease, BatchAction release, string shard, OrchestrationMessage result, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_localOwner is not { } local || result.DueAt is not null || !lease.LeaseResult || _instanceLeases.Values.Any(l => l.InstanceId == result.InstanceId))
        {
            return false;
        }

        var marker = new TableEntity(shard, TableKeys.InstanceLease(result.InstanceId))
        {
            ["Kind"] = "L",
            ["InstanceId"] = result.InstanceId,
            ["Owner"] = local.Owner,
            ["ExpiresTicks"] = (now + local.LeaseDuration).UtcTicks,
        };
        var take = new BatchAction(new TableTransactionAction(TableTransactionActionType.Add, marker));
        var written = new List<(BatchAction Action, ETag ETag)>(2);
        try
        {
            await WriteIndexAsync([release, take], written, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Someone holds (or held) the instance's lease: the result goes to the index as a due row instead.
            return false;
        }

        var token = Guid.NewGuid().ToString("N");
        _instanceLeases[token] = new InstanceLease(result.InstanceId, shard, written.Find(w => ReferenceEquals(w.Action, take)).ETag, Ticks(marker, "ExpiresTicks"));
        _readyOrchestrations.Enqueue(new OrchestrationWorkItem(result.InstanceId, token, [result]));
        return true;
    }

    /// <summary>The owner and lease length of this host's claims, used for the work it produces.</summary>
    private sealed record LocalOwner(string Owner, TimeSpan LeaseDuration);
}
