namespace Dispatch.Mail.State;

/// <summary>Keeps <see cref="NoticeStateEntry"/> rows with optimistic concurrency (ETags), as Table Storage does.</summary>
public interface INoticeStateStore
{
    /// <summary>Returns the entry, or null when the notice was never claimed.</summary>
    Task<NoticeStateEntry?> GetAsync(string noticeId, CancellationToken cancellationToken = default);

    /// <summary>Stores a new entry; returns it with its ETag, or null when one with that id already exists.</summary>
    Task<NoticeStateEntry?> TryAddAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces the entry if its stored ETag still equals <c>entry.ETag</c>; returns the new version, or null on conflict.</summary>
    Task<NoticeStateEntry?> TryReplaceAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default);
}
