using System.Net;
using System.Text;
using Dispatch.Mail.SendGrid;
using Dispatch.Mail.Transport;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class SendGridClientTests : IAsyncDisposable
{
    private readonly FakeSendGridServer _server = new();
    private readonly SignalingClock _clock = new(new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
    private readonly HttpClient _http = new();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private SendGridClient Client(int maxAttempts = 4, bool sandbox = false) => new(
        _http,
        Options.Create(new SendGridClientOptions { ApiKey = "SG.test-key", BaseUrl = _server.BaseUrl, MaxAttempts = maxAttempts, SandboxMode = sandbox }),
        _clock,
        NullLogger<SendGridClient>.Instance);

    private static SendGridMessage Message()
    {
        var m = new SendGridMessage
        {
            From = new EmailAddress("noreply@dispatch.example.com", "驻村第一书记管理系统"),
            ReplyTo = new EmailAddress("checkin+abc@reply.example.com"),
            Subject = "月度报告：红光村 2026年3月",
            PlainTextContent = "纯文本",
            HtmlContent = "<p>HTML</p>",
        };
        var p = new Personalization();
        p.Tos.Add(new EmailAddress("pan@example.com", "潘光强"));
        p.Ccs.Add(new EmailAddress("taipan@example.com"));
        m.Personalizations.Add(p);
        m.Attachments.Add(new SendGridAttachment(Convert.ToBase64String("BEGIN:VCALENDAR"u8), "text/calendar; method=REQUEST", "invite.ics"));
        m.Categories.Add("dispatch");
        m.Categories.Add("CheckInRequest");
        m.CustomArgs["dispatch_notice_id"] = "0123";
        m.CustomArgs["dispatch_assignment_id"] = "a1";
        return m;
    }

    [Fact]
    public async Task SendEmailAsync_Accepted_SendsExactJsonAndKeepsMessageId()
    {
        var response = await Client().SendEmailAsync(Message());

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.MessageId.ShouldBe("msg-1");
        var request = _server.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/v3/mail/send");
        request.Authorization.ShouldBe("Bearer SG.test-key");
        request.ContentType.ShouldBe("application/json");
        var expected =
            "{\"personalizations\":[{\"to\":[{\"email\":\"pan@example.com\",\"name\":\"潘光强\"}],\"cc\":[{\"email\":\"taipan@example.com\"}]}]," +
            "\"from\":{\"email\":\"noreply@dispatch.example.com\",\"name\":\"驻村第一书记管理系统\"}," +
            "\"reply_to\":{\"email\":\"checkin+abc@reply.example.com\"}," +
            "\"subject\":\"月度报告：红光村 2026年3月\"," +
            "\"content\":[{\"type\":\"text/plain\",\"value\":\"纯文本\"},{\"type\":\"text/html\",\"value\":\"<p>HTML</p>\"}]," +
            "\"attachments\":[{\"content\":\"QkVHSU46VkNBTEVOREFS\",\"type\":\"text/calendar; method=REQUEST\",\"filename\":\"invite.ics\",\"disposition\":\"attachment\"}]," +
            "\"categories\":[\"dispatch\",\"CheckInRequest\"]," +
            "\"custom_args\":{\"dispatch_notice_id\":\"0123\",\"dispatch_assignment_id\":\"a1\"}}";
        request.Body.ShouldBe(Encoding.UTF8.GetBytes(expected));
    }

    [Fact]
    public async Task SendEmailAsync_Sandbox_AddsMailSettings()
    {
        _server.Enqueue(r => r.StatusCode = 200);

        var response = await Client(sandbox: true).SendEmailAsync(Message());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _server.Requests.Single().BodyText.ShouldEndWith(",\"mail_settings\":{\"sandbox_mode\":{\"enable\":true}}}");
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(413)]
    public async Task SendEmailAsync_ClientError_FailsFastWithSendGridMessages(int status)
    {
        _server.EnqueueError(status, "{\"errors\":[{\"message\":\"The from address does not match a verified Sender Identity.\",\"field\":\"from\",\"help\":null},{\"message\":\"second\"}],\"id\":\"x\"}");

        var ex = await Should.ThrowAsync<MailTransportException>(() => Client().SendEmailAsync(Message()));

        ex.StatusCode.ShouldBe(status);
        ex.IsTransient.ShouldBeFalse();
        ex.Errors.ShouldBe(["The from address does not match a verified Sender Identity. (field from)", "second"]);
        ex.Message.ShouldContain("verified Sender Identity");
        _server.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task SendEmailAsync_RateLimited_WaitsUntilResetThenSucceeds()
    {
        var reset = _clock.GetUtcNow().AddSeconds(30).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server.EnqueueError(429, "{\"errors\":[{\"field\":null,\"message\":\"too many requests\"}]}", ("X-RateLimit-Limit", "600"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", reset));
        var start = _clock.GetUtcNow();

        var response = await _clock.RunAsync(Client().SendEmailAsync(Message()));

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Attempts.ShouldBe(2);
        _server.Requests.Count.ShouldBe(2);
        (_clock.GetUtcNow() - start).ShouldBe(TimeSpan.FromSeconds(30));
        _clock.Waits.ShouldBe([TimeSpan.FromSeconds(30)]);
        _server.Requests[1].Body.ShouldBe(_server.Requests[0].Body);
    }

    [Fact]
    public async Task SendEmailAsync_ServerErrorsExhausted_ThrowsTransient()
    {
        for (var i = 0; i < 3; i++)
        {
            _server.EnqueueError(500, "{\"errors\":[{\"message\":\"internal error\"}]}");
        }

        var ex = await Should.ThrowAsync<MailTransportException>(() => _clock.RunAsync(Client(maxAttempts: 3).SendEmailAsync(Message())));

        ex.StatusCode.ShouldBe(500);
        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("internal error");
        _clock.Waits.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)]);
        _server.Requests.Count.ShouldBe(3);
    }

    [Fact]
    public async Task SendEmailAsync_ServerErrorThenAccepted_Retries()
    {
        _server.EnqueueError(503, "{\"errors\":[{\"message\":\"unavailable\"}]}");

        var response = await _clock.RunAsync(Client().SendEmailAsync(Message()));

        response.MessageId.ShouldBe("msg-1");
        _server.Requests.Count.ShouldBe(2);
    }

    [Fact]
    public void ToMessage_Notice_PlainBeforeHtmlWithCustomArgs()
    {
        var clock = new FakeTimeProvider(SampleNotices.Now);
        var notice = SampleNotices.For(NoticeKind.HandoverInvitation, NoticeLanguage.ZhCn);
        var rendered = TestMail.Renderer(clock).Render(notice);
        var mail = new OutgoingMail(notice.NoticeId, notice.Kind, notice.AssignmentId, new NoticeRecipient("D", "noreply@dispatch.example.com", RecipientRole.Hr), notice.To, notice.Cc, rendered);

        var json = Encoding.UTF8.GetString(SendGridTransport.ToMessage(mail, new SendGridClientOptions()).ToJson());

        json.IndexOf("\"type\":\"text/plain\"", StringComparison.Ordinal).ShouldBeLessThan(json.IndexOf("\"type\":\"text/html\"", StringComparison.Ordinal));
        json.ShouldContain($"\"custom_args\":{{\"dispatch_notice_id\":\"{notice.NoticeId}\",\"dispatch_notice_kind\":\"HandoverInvitation\",\"dispatch_assignment_id\":\"r2026-hongguang\"}}");
        json.ShouldContain("\"categories\":[\"dispatch\",\"HandoverInvitation\"]");
        json.ShouldContain("\"filename\":\"invite.ics\"");
    }
}
