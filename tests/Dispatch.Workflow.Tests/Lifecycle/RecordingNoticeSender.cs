using System.Collections.Concurrent;
using Dispatch.Mail;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>An outbox in memory: validates every notice and, like the real sender, sends each notice id once.</summary>
internal sealed class RecordingNoticeSender : INoticeSender
{
    private readonly ConcurrentDictionary<string, Notice> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Notice> _sent = new();
    private int _read;

    public IReadOnlyList<Notice> Sent => _sent.ToArray();

    public Task<NoticeSendResult> SendAsync(Notice notice, CancellationToken cancellationToken = default)
    {
        notice.Validate();
        if (_byId.TryAdd(notice.NoticeId, notice))
        {
            _sent.Enqueue(notice);
            return Task.FromResult(new NoticeSendResult(notice.NoticeId, NoticeSendStatus.Sent, null, null));
        }

        return Task.FromResult(new NoticeSendResult(notice.NoticeId, NoticeSendStatus.AlreadySent, null, null));
    }

    /// <summary>Returns the notices sent since the last call.</summary>
    public IReadOnlyList<Notice> TakeNew()
    {
        var all = _sent.ToArray();
        var fresh = all.Skip(_read).ToList();
        _read = all.Length;
        return fresh;
    }
}
