using Dispatch.Mail.State;
using Dispatch.Mail.Templates;
using Dispatch.Mail.Transport;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class NoticeSenderTests
{
    private readonly FakeTimeProvider _clock = new(SampleNotices.Now);

    internal static NoticeSender Sender(IMailTransport transport, INoticeStateStore store, FakeTimeProvider clock) =>
        new(TestMail.Renderer(clock), transport, store, Options.Create(TestMail.Options()), clock, NullLogger<NoticeSender>.Instance);

    [Fact]
    public async Task SendAsync_Twice_SendsOnce()
    {
        var transport = new CountingTransport(idempotent: false);
        var store = new InMemoryNoticeStateStore();
        var sender = Sender(transport, store, _clock);
        var notice = SampleNotices.For(NoticeKind.Appointment, NoticeLanguage.ZhCn);

        var first = await sender.SendAsync(notice);
        var second = await sender.SendAsync(notice);

        first.Status.ShouldBe(NoticeSendStatus.Sent);
        second.Status.ShouldBe(NoticeSendStatus.AlreadySent);
        second.ProviderMessageId.ShouldBe(first.ProviderMessageId);
        transport.Delivered.Count.ShouldBe(1);
        (await store.GetAsync(notice.NoticeId))!.State.ShouldBe(NoticeState.Sent);
    }

    [Fact]
    public async Task SendAsync_CrashAfterSending_RetryNeverSendsSecondEmail()
    {
        var transport = new CountingTransport(idempotent: false) { CrashAfterDelivering = true };
        var store = new InMemoryNoticeStateStore();
        var sender = Sender(transport, store, _clock);
        var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);

        await Should.ThrowAsync<InvalidOperationException>(() => sender.SendAsync(notice));
        transport.CrashAfterDelivering = false;
        var retry = await sender.SendAsync(notice);
        var again = await sender.SendAsync(notice);

        retry.Status.ShouldBe(NoticeSendStatus.InDoubt);
        again.Status.ShouldBe(NoticeSendStatus.InDoubt);
        transport.Delivered.Count.ShouldBe(1);
        (await store.GetAsync(notice.NoticeId))!.State.ShouldBe(NoticeState.Pending);
    }

    [Fact]
    public async Task SendAsync_OutboxCrashAfterWriting_RetryRewritesSameFileOnly()
    {
        var options = TestMail.Options();
        try
        {
            var index = new OutboxIndex(Options.Create(options));
            var crashing = new CrashAfterTransport(new OutboxTransport(index, _clock));
            var store = new InMemoryNoticeStateStore();
            var sender = new NoticeSender(TestMail.Renderer(_clock, options), crashing, store, Options.Create(options), _clock, NullLogger<NoticeSender>.Instance);
            var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);

            await Should.ThrowAsync<InvalidOperationException>(() => sender.SendAsync(notice));
            crashing.Crash = false;
            var retry = await sender.SendAsync(notice);
            var third = await sender.SendAsync(notice);

            retry.Status.ShouldBe(NoticeSendStatus.Sent);
            third.Status.ShouldBe(NoticeSendStatus.AlreadySent);
            Directory.GetFiles(index.Directory, "*.eml").ShouldHaveSingleItem();
            index.List().ShouldHaveSingleItem();
        }
        finally
        {
            Directory.Delete(options.OutboxDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task SendAsync_Refused_MarksFailedAndRetryCanSend()
    {
        var transport = new CountingTransport(idempotent: false) { Refuse = true };
        var store = new InMemoryNoticeStateStore();
        var sender = Sender(transport, store, _clock);
        var notice = SampleNotices.For(NoticeKind.Recall, NoticeLanguage.En);

        (await Should.ThrowAsync<MailTransportException>(() => sender.SendAsync(notice))).StatusCode.ShouldBe(403);
        (await store.GetAsync(notice.NoticeId))!.State.ShouldBe(NoticeState.Failed);
        transport.Refuse = false;
        var retry = await sender.SendAsync(notice);

        retry.Status.ShouldBe(NoticeSendStatus.Sent);
        var entry = (await store.GetAsync(notice.NoticeId))!;
        entry.Attempts.ShouldBe(2);
        entry.State.ShouldBe(NoticeState.Sent);
        transport.Delivered.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_ConcurrentRetries_OnlyOneDelivers()
    {
        var transport = new CountingTransport(idempotent: false);
        var sender = Sender(transport, new InMemoryNoticeStateStore(), _clock);
        var notice = SampleNotices.For(NoticeKind.UnitNotice, NoticeLanguage.ZhCn);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => sender.SendAsync(notice))));

        transport.Delivered.Count.ShouldBe(1);
        results.Count(r => r.Status == NoticeSendStatus.Sent).ShouldBe(1);
    }

    [Fact]
    public async Task SendAsync_MissingModelValue_ThrowsAndStoresNothing()
    {
        var store = new InMemoryNoticeStateStore();
        var sender = Sender(new CountingTransport(false), store, _clock);
        var notice = SampleNotices.For(NoticeKind.Appointment, NoticeLanguage.ZhCn);

        await Should.ThrowAsync<NoticeRenderException>(() => sender.SendAsync(notice with { Model = new Dictionary<string, string>() }));

        store.Count.ShouldBe(0);
    }

    internal sealed class CountingTransport(bool idempotent) : IMailTransport
    {
        public List<OutgoingMail> Delivered { get; } = [];

        public bool CrashAfterDelivering { get; set; }

        public bool Refuse { get; set; }

        public bool IsIdempotent => idempotent;

        public Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            if (Refuse)
            {
                throw new MailTransportException("SendGrid answered 403 Forbidden: nope", 403, ["nope"], false);
            }

            int n;
            lock (Delivered)
            {
                Delivered.Add(mail);
                n = Delivered.Count;
            }

            if (CrashAfterDelivering)
            {
                throw new InvalidOperationException("The activity crashed after the email left.");
            }

            return Task.FromResult("msg-" + n);
        }
    }

    private sealed class CrashAfterTransport(IMailTransport inner) : IMailTransport
    {
        public bool Crash { get; set; } = true;

        public bool IsIdempotent => inner.IsIdempotent;

        public async Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
        {
            var id = await inner.DeliverAsync(mail, cancellationToken);
            return Crash ? throw new InvalidOperationException("crash after writing") : id;
        }
    }
}
