using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dispatch.Mail.Events;
using Dispatch.Mail.State;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class EventWebhookTests
{
    private const string VectorKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE83T4O/n84iotIvIW4mdBgQ/7dAfSmpqIM8kF9mN1flpVKS3GRqe62gw+2fNNRaINXvVpiglSI8eNEc6wEA3F+g==";
    private const string VectorTimestamp = "1600112502";
    private const string VectorSignature = "MEUCIGHQVtGj+Y3LkG9fLcxf3qfI10QysgDWmMOVmxG0u6ZUAiEAyBiXDWzM+uOe5W0JuG+luQAbPIqHh89M15TluLtEZtM=";
    private const string VectorBody = "[{\"email\":\"hello@world.com\",\"event\":\"dropped\",\"reason\":\"Bounced Address\",\"sg_event_id\":\"ZHJvcC0xMDk5NDkxOS1MUnpYbF9OSFN0T0doUTRrb2ZTbV9BLTA\",\"sg_message_id\":\"LRzXl_NHStOGhQ4kofSm_A.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0\",\"smtp-id\":\"<LRzXl_NHStOGhQ4kofSm_A@ismtpd0039p1iad1.sendgrid.net>\",\"timestamp\":1600112492}]\r\n";

    private static FakeTimeProvider VectorClock() => new(DateTimeOffset.FromUnixTimeSeconds(1600112502).AddSeconds(30));

    [Fact]
    public void Verify_ProtocolVector_Passes()
    {
        using var verifier = new EventWebhookVerifier(VectorKey, VectorClock(), TimeSpan.FromMinutes(5));

        verifier.Verify(Encoding.UTF8.GetBytes(VectorBody), VectorSignature, VectorTimestamp).ShouldBeTrue();
    }

    [Theory]
    [InlineData("without trailing CRLF")]
    [InlineData("tampered reason")]
    [InlineData("other timestamp")]
    [InlineData("garbage signature")]
    public void Verify_Tampered_Fails(string how)
    {
        using var verifier = new EventWebhookVerifier(VectorKey, VectorClock(), TimeSpan.FromMinutes(5));
        var body = how switch
        {
            "without trailing CRLF" => VectorBody.TrimEnd(),
            "tampered reason" => VectorBody.Replace("Bounced Address", "Bounced Addresz", StringComparison.Ordinal),
            _ => VectorBody,
        };
        var ts = how == "other timestamp" ? "1600112503" : VectorTimestamp;
        var sig = how == "garbage signature" ? "not base64!" : VectorSignature;

        verifier.Verify(Encoding.UTF8.GetBytes(body), sig, ts).ShouldBeFalse();
    }

    [Fact]
    public void Verify_StaleTimestamp_Fails()
    {
        var clock = VectorClock();
        clock.Advance(TimeSpan.FromMinutes(10));
        using var verifier = new EventWebhookVerifier(VectorKey, clock, TimeSpan.FromMinutes(5));

        verifier.Verify(Encoding.UTF8.GetBytes(VectorBody), VectorSignature, VectorTimestamp).ShouldBeFalse();
    }

    [Fact]
    public async Task HandleAsync_Bounce_MarksNoticeAndAlertsHrOnce()
    {
        var clock = new FakeTimeProvider(SampleNotices.Now);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = TestMail.Options();
        options.EventWebhookPublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var store = new InMemoryNoticeStateStore();
        var transport = new NoticeSenderTests.CountingTransport(idempotent: false);
        var sender = new NoticeSender(TestMail.Renderer(clock, options), transport, store, Options.Create(options), clock, NullLogger<NoticeSender>.Instance);
        var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);
        await sender.SendAsync(notice);
        using var handler = new EventWebhookHandler(Options.Create(options), store, sender, clock, NullLogger<EventWebhookHandler>.Instance);
        var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object[]
        {
            new Dictionary<string, object> { ["email"] = "pan.guangqiang@example.com", ["event"] = "bounce", ["reason"] = "550 mailbox unavailable", ["dispatch_notice_id"] = notice.NoticeId, ["timestamp"] = 1 },
            new Dictionary<string, object> { ["email"] = "x@example.com", ["event"] = "open", ["timestamp"] = 1 },
        }) + "\r\n");
        var ts = clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var sig = Convert.ToBase64String(key.SignData([.. Encoding.UTF8.GetBytes(ts), .. body], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

        var first = await handler.HandleAsync(body, sig, ts);
        var replay = await handler.HandleAsync(body, sig, ts);
        var forged = await handler.HandleAsync(body.Append((byte)' ').ToArray(), sig, ts);

        first.Verified.ShouldBeTrue();
        first.Events.ShouldBe(2);
        first.Bounced.ShouldBe([notice.NoticeId]);
        replay.Verified.ShouldBeTrue();
        forged.Verified.ShouldBeFalse();
        var entry = (await store.GetAsync(notice.NoticeId))!;
        entry.State.ShouldBe(NoticeState.Bounced);
        entry.BounceReason.ShouldBe("bounce: 550 mailbox unavailable");
        var alerts = transport.Delivered.Where(m => m.Kind == NoticeKind.DeliveryFailure).ToList();
        alerts.ShouldHaveSingleItem().To.ShouldHaveSingleItem().Email.ShouldBe("hr@dispatch.example.com");
        alerts[0].Content.Text.ShouldContain("pan.guangqiang@example.com");
        alerts[0].Content.Text.ShouldContain("550 mailbox unavailable");
        (await sender.SendAsync(notice)).Status.ShouldBe(NoticeSendStatus.Bounced);
    }

    [Fact]
    public async Task HandleAsync_NoKeyConfigured_RefusesEverything()
    {
        var clock = VectorClock();
        var store = new InMemoryNoticeStateStore();
        var sender = NoticeSenderTests.Sender(new NoticeSenderTests.CountingTransport(false), store, clock);
        using var handler = new EventWebhookHandler(Options.Create(TestMail.Options()), store, sender, clock, NullLogger<EventWebhookHandler>.Instance);

        (await handler.HandleAsync(Encoding.UTF8.GetBytes(VectorBody), VectorSignature, VectorTimestamp)).Verified.ShouldBeFalse();
    }
}
