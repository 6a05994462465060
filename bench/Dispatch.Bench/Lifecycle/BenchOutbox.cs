using System.Collections.Concurrent;
using Dispatch.Mail;

namespace Dispatch.Bench.Lifecycle;

/// <summary>
/// Counts notices and queues the ones the scripted people react to; never sends the same notice twice. The
/// dedupe key is what <see cref="Notice.NoticeId"/> hashes (assignment, kind, period, first recipient), kept
/// as plain text: hashing every notice with SHA-256 was a visible share of a simulated term.
/// </summary>
internal sealed class BenchOutbox : INoticeSender
{
    private readonly ConcurrentDictionary<string, byte> _ids = new(StringComparer.Ordinal);
    private long _count;

    public ConcurrentQueue<Notice> Pending { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    public Task<NoticeSendResult> SendAsync(Notice notice, CancellationToken cancellationToken = default)
    {
        var key = string.Join('\u001f', notice.AssignmentId, ((int)notice.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Period, notice.To[0].Email);
        if (!_ids.TryAdd(key, 0))
        {
            return Task.FromResult(new NoticeSendResult(notice.NoticeId, NoticeSendStatus.AlreadySent, null, null));
        }

        Interlocked.Increment(ref _count);
        if (notice.Kind is NoticeKind.SelectionProposal or NoticeKind.CheckInRequest or NoticeKind.CheckInReminder
            or NoticeKind.ReviewRequestToSecretary or NoticeKind.ReviewRequestToReviewer or NoticeKind.TermDecisionRequest)
        {
            Pending.Enqueue(notice);
        }

        return Task.FromResult(new NoticeSendResult(notice.NoticeId, NoticeSendStatus.Sent, null, null));
    }
}
