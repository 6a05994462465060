using System.Security.Cryptography;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.State;
using Dispatch.Tables;
using Dispatch.Testing;

namespace Dispatch.Mail.Tests;

public sealed class AzuriteStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private TableClient Table(string prefix) => new(azurite.ConnectionString, AzuriteFixture.UniqueTableName(prefix));

    [Fact]
    public async Task TableNoticeStateStore_CrashAfterSending_RetryNeverSendsTwice()
    {
        var clock = new FakeTimeProvider(SampleNotices.Now);
        var store = new TableNoticeStateStore(Table("mailstate"));
        var transport = new NoticeSenderTests.CountingTransport(idempotent: false) { CrashAfterDelivering = true };
        var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);

        await Should.ThrowAsync<InvalidOperationException>(() => NoticeSenderTests.Sender(transport, store, clock).SendAsync(notice));
        transport.CrashAfterDelivering = false;
        var retry = await NoticeSenderTests.Sender(transport, new TableNoticeStateStore(Table("unused")), clock).SendAsync(SampleNotices.For(NoticeKind.Appointment, NoticeLanguage.ZhCn));
        var again = await NoticeSenderTests.Sender(transport, store, clock).SendAsync(notice);

        retry.Status.ShouldBe(NoticeSendStatus.Sent);
        again.Status.ShouldBe(NoticeSendStatus.InDoubt);
        transport.Delivered.Count(m => m.Kind == NoticeKind.CheckInRequest).ShouldBe(1);
        var entry = (await store.GetAsync(notice.NoticeId))!;
        entry.State.ShouldBe(NoticeState.Pending);
        entry.AssignmentId.ShouldBe("r2026-hongguang");
        entry.NoticeJson.ShouldContain("CheckInRequest");
    }

    [Fact]
    public async Task TableNoticeStateStore_StaleETag_Conflicts()
    {
        var store = new TableNoticeStateStore(Table("mailetag"));
        var entry = new NoticeStateEntry { NoticeId = new string('a', 32), State = NoticeState.Pending, Kind = NoticeKind.Recall, AssignmentId = "a1", Recipient = "x@example.com" };

        var added = (await store.TryAddAsync(entry))!;
        (await store.TryAddAsync(entry)).ShouldBeNull();
        var sent = (await store.TryReplaceAsync(added with { State = NoticeState.Sent, SentAt = SampleNotices.Now, ProviderMessageId = "m1" }))!;
        (await store.TryReplaceAsync(added with { State = NoticeState.Failed })).ShouldBeNull();

        var read = (await store.GetAsync(entry.NoticeId))!;
        read.State.ShouldBe(NoticeState.Sent);
        read.ProviderMessageId.ShouldBe("m1");
        read.SentAt.ShouldBe(SampleNotices.Now);
        read.ETag.ShouldBe(sent.ETag);
        (await store.GetAsync(new string('b', 32))).ShouldBeNull();
    }

    [Fact]
    public async Task TableInboundMessageStore_BigBody_RoundTripsInChunks()
    {
        var store = new TableInboundMessageStore(Table("mailin"));
        var body = RandomNumberGenerator.GetBytes(2 * 1024 * 1024 + 123);
        var message = new InboundRawMessage("m" + new string('1', 31), SampleNotices.Now, "multipart/form-data; boundary=x", body, false, "Accepted", null, "pan@example.com", "Re: 月度报告");

        await store.SaveAsync(message);
        await store.SaveAsync(message);
        var back = (await store.GetAsync(message.Id))!;

        back.Body.ToArray().ShouldBe(body);
        back.Subject.ShouldBe("Re: 月度报告");
        back.Outcome.ShouldBe("Accepted");
        back.ReceivedAt.ShouldBe(SampleNotices.Now);
        (await store.GetAsync("missing")).ShouldBeNull();
    }
}
