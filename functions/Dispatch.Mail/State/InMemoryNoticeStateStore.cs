using System.Collections.Concurrent;
using System.Globalization;

namespace Dispatch.Mail.State;

/// <summary>An in-process <see cref="INoticeStateStore"/> with the same ETag rules as the table one; for tests and benchmarks.</summary>
public sealed class InMemoryNoticeStateStore : INoticeStateStore
{
    private readonly ConcurrentDictionary<string, NoticeStateEntry> _entries = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Gets how many entries are stored.</summary>
    public int Count => _entries.Count;

    /// <inheritdoc />
    public Task<NoticeStateEntry?> GetAsync(string noticeId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(noticeId, out var e) ? e : null);

    /// <inheritdoc />
    public Task<NoticeStateEntry?> TryAddAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var stored = entry with { ETag = NextETag() };
        return Task.FromResult(_entries.TryAdd(entry.NoticeId, stored) ? stored : null);
    }

    /// <inheritdoc />
    public Task<NoticeStateEntry?> TryReplaceAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!_entries.TryGetValue(entry.NoticeId, out var current) || current.ETag != entry.ETag)
        {
            return Task.FromResult<NoticeStateEntry?>(null);
        }

        var stored = entry with { ETag = NextETag() };
        return Task.FromResult(_entries.TryUpdate(entry.NoticeId, stored, current) ? stored : null);
    }

    private string NextETag() => "W/\"" + Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture) + "\"";
}
