using System.Text;
using System.Text.Json;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.State;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class InboundParseHandlerTests
{
    private const string Boundary = "xYzZY";
    private readonly FakeTimeProvider _clock = new(SampleNotices.Now);
    private readonly InMemoryNoticeStateStore _store = new();
    private readonly InMemoryInboundMessageStore _messages = new();
    private readonly NoticeSenderTests.CountingTransport _transport = new(idempotent: false);
    private readonly MailOptions _options = TestMail.Options();

    private async Task<(InboundParseHandler Handler, Notice Request, string Token)> ArrangeAsync()
    {
        _options.MaxInboundBytes = 64 * 1024;
        var sender = new NoticeSender(TestMail.Renderer(_clock, _options), _transport, _store, Options.Create(_options), _clock, NullLogger<NoticeSender>.Instance);
        var request = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);
        await sender.SendAsync(request);
        var handler = new InboundParseHandler(Options.Create(_options), TestKeys.Tokens(_clock), _store, _messages, sender, _clock, NullLogger<InboundParseHandler>.Instance);
        return (handler, request, TestKeys.Tokens(_clock).IssueReplyToken(request.NoticeId));
    }

    private static byte[] Form(params (string Name, string Value)[] fields)
    {
        var sb = new StringBuilder();
        foreach (var (n, v) in fields)
        {
            sb.Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(n).Append("\"\r\n\r\n").Append(v).Append("\r\n");
        }

        sb.Append("--").Append(Boundary).Append("--\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [Fact]
    public async Task HandleAsync_PartialReply_AcknowledgesWithFormLinkAndStoresRaw()
    {
        var (handler, request, token) = await ArrangeAsync();
        var body = Form(("from", "潘光强 <pan.guangqiang@example.com>"), ("to", $"checkin+{token}@reply.dispatch.example.com"), ("subject", "Re: 月度报告"), ("text", "驻村天数：22\n走访户数：十五"));

        var result = await handler.HandleAsync(new MemoryStream(body), "multipart/form-data; boundary=" + Boundary);

        result.Status.ShouldBe(InboundStatus.Unreadable);
        result.SubjectId.ShouldBe(request.ReplySubjectId);
        result.Values[CheckInFields.HouseholdsVisited].ShouldBe("15");
        result.Acknowledged.ShouldBeTrue();
        var ack = _transport.Delivered.Single(m => m.Kind == NoticeKind.CheckInUnreadable);
        ack.To.ShouldHaveSingleItem().Email.ShouldBe("pan.guangqiang@example.com");
        ack.Content.Text.ShouldContain("解决问题数");
        ack.Content.Text.ShouldContain("请假天数");
        ack.Content.Links.Keys.ShouldBe([NoticeLinkNames.Form]);
        TestKeys.Tokens(_clock).Validate(ack.Content.Links[NoticeLinkNames.Form].Split('/')[^1], "checkin").SubjectId.ShouldBe(request.ReplySubjectId);
        var stored = _messages.Messages.ShouldHaveSingleItem();
        stored.Body.ToArray().ShouldBe(body);
        stored.Outcome.ShouldBe("Unreadable");
        stored.NoticeId.ShouldBe(request.NoticeId);
    }

    [Fact]
    public async Task HandleAsync_SamePostTwice_AcknowledgesOnce()
    {
        var (handler, _, token) = await ArrangeAsync();
        var body = Form(("from", "pan.guangqiang@example.com"), ("to", $"checkin+{token}@reply.dispatch.example.com"), ("text", "谢谢"));

        await handler.HandleAsync(body, "multipart/form-data; boundary=" + Boundary);
        await handler.HandleAsync(body, "multipart/form-data; boundary=" + Boundary);

        _transport.Delivered.Count(m => m.Kind == NoticeKind.CheckInUnreadable).ShouldBe(1);
        _messages.Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task HandleAsync_OverLimitStream_StoresTruncatedAndAsksForForm()
    {
        var (handler, _, token) = await ArrangeAsync();
        var body = Form(("from", "pan.guangqiang@example.com"), ("to", $"checkin+{token}@reply.dispatch.example.com"), ("text", new string('x', 200_000)));

        var result = await handler.HandleAsync(new MemoryStream(body), "multipart/form-data; boundary=" + Boundary);

        result.Status.ShouldBe(InboundStatus.Unreadable);
        result.Problems.Keys.ShouldBe(["message"]);
        result.Acknowledged.ShouldBeTrue();
        var stored = _messages.Messages.ShouldHaveSingleItem();
        stored.Truncated.ShouldBeTrue();
        stored.Body.Length.ShouldBe(64 * 1024);
    }

    [Fact]
    public async Task HandleAsync_NotMultipart_RejectedButStored()
    {
        var (handler, _, _) = await ArrangeAsync();

        var result = await handler.HandleAsync(Encoding.UTF8.GetBytes("{\"hello\":1}"), "application/json");

        result.Status.ShouldBe(InboundStatus.Rejected);
        result.Rejection.ShouldBe(InboundRejection.Malformed);
        _messages.Messages.ShouldHaveSingleItem().Outcome.ShouldBe("Rejected:Malformed");
        _transport.Delivered.Count(m => m.Kind == NoticeKind.CheckInUnreadable).ShouldBe(0);
    }

    [Fact]
    public async Task HandleAsync_CompleteReply_ReturnsAnswerWithoutAck()
    {
        var (handler, request, token) = await ArrangeAsync();
        var text = "驻村天数：22\n走访户数：15\n解决问题数：3\n争取资金（元）：3.5万\n推进项目数：2\n工作亮点：修路\n需要帮助：无\n请假天数：1";
        var body = Form(("from", "pan.guangqiang@example.com"), ("to", "other@example.com"), ("subject", $"Re: 月度报告 [#{token}]"), ("text", text), ("envelope", JsonSerializer.Serialize(new { to = new[] { "other@example.com" } })));

        var result = await handler.HandleAsync(body, "multipart/form-data; boundary=" + Boundary);

        result.Status.ShouldBe(InboundStatus.Accepted);
        result.AssignmentId.ShouldBe(request.AssignmentId);
        result.Period.ShouldBe("2026-03");
        result.Answer.ShouldBe(new CheckInAnswer { DaysInVillage = 22, HouseholdsVisited = 15, ProblemsSolved = 3, FundsSecuredYuan = 35000, ProjectsAdvanced = 2, Highlights = "修路", HelpNeeded = "无", LeaveDays = 1 });
        _transport.Delivered.Count(m => m.Kind == NoticeKind.CheckInUnreadable).ShouldBe(0);
    }
}
