using System.Collections.Concurrent;
using Azure;
using Dispatch.Durable.Backend;

namespace Dispatch.Durable.Storage.Tables;

/// <summary>
/// Instance rows held in memory for a backend that is its task hub's only writer
/// (<see cref="TableOrchestrationBackendOptions.CacheInstanceRows"/>). The backend's own writes set or
/// invalidate entries; rows read from storage are stored only if no write of their stripe happened while
/// they were read, so a slow read never puts an older row over a newer one. Once a full scan has been
/// loaded, a row the cache does not hold does not exist.
/// </summary>
internal sealed class InstanceRowCache
{
    private const int Stripes = 1024;
    private readonly ConcurrentDictionary<string, Entry> _rows = new(StringComparer.Ordinal);
    private readonly long[] _versions = new long[Stripes];
    private readonly object[] _locks = Enumerable.Range(0, Stripes).Select(_ => new object()).ToArray();
    private volatile bool _complete;

    /// <summary>Returns true when the row's state is known here: <paramref name="row"/> is the row, or null when the instance does not exist.</summary>
    public bool TryGet(string instanceId, out (InstanceRecord Record, ETag ETag)? row)
    {
        if (_rows.TryGetValue(instanceId, out var entry))
        {
            row = entry.Record is { } record ? (record, entry.ETag) : null;
            return !entry.Unknown;
        }

        row = null;
        return _complete;
    }

    /// <summary>Returns the stripe version to pass to <c>Fill</c> for a read that starts now.</summary>
    public long Version(string instanceId) => Volatile.Read(ref _versions[Stripe(instanceId)]);

    /// <summary>Returns every stripe's version, for a scan that reads many rows at once.</summary>
    public long[] Versions()
    {
        var copy = new long[Stripes];
        for (var i = 0; i < Stripes; i++)
        {
            copy[i] = Volatile.Read(ref _versions[i]);
        }

        return copy;
    }

    /// <summary>
    /// Stores a row read from storage (null: absent) unless a write of its stripe happened since
    /// <paramref name="version"/>; then the row is left as the write set it, or marked unknown so that a
    /// complete cache does not take it for missing.
    /// </summary>
    public void Fill(string instanceId, InstanceRecord? record, ETag etag, long version)
    {
        var stripe = Stripe(instanceId);
        lock (_locks[stripe])
        {
            if (_versions[stripe] == version)
            {
                _rows[instanceId] = new Entry(record, etag, Unknown: false);
            }
            else
            {
                _rows.TryAdd(instanceId, new Entry(null, default, Unknown: true));
            }
        }
    }

    /// <summary>Stores a row from a scan that began at <paramref name="versions"/> (<see cref="Versions"/>).</summary>
    public void Fill(string instanceId, InstanceRecord record, ETag etag, long[] versions) =>
        Fill(instanceId, record, etag, versions[Stripe(instanceId)]);

    /// <summary>Records this backend's successful write of the row (null: deleted).</summary>
    public void Set(string instanceId, InstanceRecord? record, ETag etag) => Write(instanceId, new Entry(record, etag, Unknown: false));

    /// <summary>Forgets the row after a write whose outcome is unknown or refused: the next read goes to storage.</summary>
    public void Invalidate(string instanceId) => Write(instanceId, new Entry(null, default, Unknown: true));

    /// <summary>Marks a full scan as loaded: from now on a missing entry means a missing instance.</summary>
    public void MarkComplete() => _complete = true;

    /// <summary>Forgets everything (the task hub's tables were deleted or rebuilt).</summary>
    public void Clear()
    {
        _complete = false;
        for (var stripe = 0; stripe < Stripes; stripe++)
        {
            lock (_locks[stripe])
            {
                _versions[stripe]++;
            }
        }

        _rows.Clear();
    }

    private void Write(string instanceId, Entry entry)
    {
        var stripe = Stripe(instanceId);
        lock (_locks[stripe])
        {
            _versions[stripe]++;
            _rows[instanceId] = entry;
        }
    }

    private static int Stripe(string instanceId) => (int)((uint)StringComparer.Ordinal.GetHashCode(instanceId) % Stripes);

    private readonly record struct Entry(InstanceRecord? Record, ETag ETag, bool Unknown);
}
