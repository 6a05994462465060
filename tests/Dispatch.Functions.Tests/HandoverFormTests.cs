using System.Net;
using Dispatch.Functions.Forms;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Mail.Links;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Dispatch.Functions.Tests;

public sealed class HandoverFormTests : IDisposable
{
    private const string Outgoing = "r2023.v01|outgoing";
    private const string Incoming = "r2023.v01|incoming";
    private readonly DispatchAppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly IHandoverForms _forms = Substitute.For<IHandoverForms>();
    private readonly HttpClient _browser;

    public HandoverFormTests()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_forms)));
        _browser = _app.CreateClient();
        var ok = new CommandResult { Status = CommandStatus.Accepted };
        _forms.RespondAsync(default!, default, default, default).ReturnsForAnyArgs(ok);
        _forms.SubmitListAsync(default!, default!, default).ReturnsForAnyArgs(ok);
        _forms.ReviewListAsync(default!, default, default, default).ReturnsForAnyArgs(ok);
        Given(Context(Outgoing, HandoverParty.Outgoing));
    }

    [Fact]
    public async Task Get_BeforeMeeting_ChineseMeetingFormWithAntiforgery()
    {
        using var response = await _browser.GetAsync(Link(Outgoing));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        html.ShouldContain("lang=\"zh-CN\"");
        html.ShouldContain("驻村工作交接");
        html.ShouldContain("2023-07-04 09:00（北京时间）");
        html.ShouldContain("value=\"reschedule\"");
        html.ShouldContain("name=\"step\" value=\"meeting\"");
        FormScraper.AntiforgeryToken(html).ShouldNotBeNullOrEmpty();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Post_RescheduleWithoutTimeThenWithTime_ErrorBesideFieldThenRecordedInUtc()
    {
        var token = await AntiforgeryAsync(Outgoing);

        using var wrong = await _browser.PostAsync(Link(Outgoing), Form(token, ("step", "meeting"), ("response", "reschedule"), ("proposedAt", string.Empty)));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(wrongHtml, HandoverFields.ProposedAt).ShouldBe("申请改期请填写建议的时间。");
        await _forms.DidNotReceiveWithAnyArgs().RespondAsync(default!, default, default, default);

        using var right = await _browser.PostAsync(Link(Outgoing), Form(FormScraper.AntiforgeryToken(wrongHtml), ("step", "meeting"), ("response", "reschedule"), ("proposedAt", "２０２３-07-06T09:30")));

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("改期申请已收到");
        await _forms.Received(1).RespondAsync(Outgoing, false, new DateTimeOffset(2023, 7, 6, 1, 30, 0, TimeSpan.Zero), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Post_ProposedTimeInThePast_Refused()
    {
        var token = await AntiforgeryAsync(Outgoing);

        using var response = await _browser.PostAsync(Link(Outgoing), Form(token, ("step", "meeting"), ("response", "reschedule"), ("proposedAt", "2023-06-30 09:00")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(await response.Content.ReadAsStringAsync(), HandoverFields.ProposedAt).ShouldBe("建议的时间应晚于现在。");
    }

    [Fact]
    public async Task Get_Township_OnlyConfirms()
    {
        Given(Context("r2023.v01|township", HandoverParty.Township));
        var html = await (await _browser.GetAsync(Link("r2023.v01|township"))).Content.ReadAsStringAsync();
        html.ShouldNotContain("value=\"reschedule\"");

        using var response = await _browser.PostAsync(Link("r2023.v01|township"), Form(FormScraper.AntiforgeryToken(html), ("step", "meeting")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await _forms.Received(1).RespondAsync("r2023.v01|township", true, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Get_ListAfterReturn_PrefilledFromReturnedListWithWhatIsMissing()
    {
        Given(Context(Outgoing, HandoverParty.Outgoing) with
        {
            MeetingPassed = true,
            ListRequested = true,
            ReturnedList = new HandoverList { Ledgers = ["党建台账", "项目台账"] },
            Missing = "缺少资产清单",
        });

        var html = await (await _browser.GetAsync(Link(Outgoing))).Content.ReadAsStringAsync();

        html.ShouldContain("缺少资产清单");
        WebUtility.HtmlDecode(html).ShouldContain(">党建台账\n项目台账</textarea>");
        html.ShouldContain("name=\"step\" value=\"list\"");
    }

    [Fact]
    public async Task Post_EmptyListThenItems_ErrorThenSubmittedLineByLine()
    {
        Given(Context(Outgoing, HandoverParty.Outgoing) with { MeetingPassed = true, ListRequested = true });
        var token = await AntiforgeryAsync(Outgoing);

        using var empty = await _browser.PostAsync(Link(Outgoing), Form(token, ("step", "list"), ("ledgers", " \n ")));
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(emptyHtml, "ledgers").ShouldNotBeNull();
        await _forms.DidNotReceiveWithAnyArgs().SubmitListAsync(default!, default!, default);

        using var full = await _browser.PostAsync(Link(Outgoing), Form(FormScraper.AntiforgeryToken(emptyHtml), ("step", "list"), ("ledgers", "党建台账\r\n- 项目台账\r\n"), ("assets", "办公电脑 2 台")));

        full.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await full.Content.ReadAsStringAsync()).ShouldContain("交接清单已提交");
        await _forms.Received(1).SubmitListAsync(
            Outgoing,
            Arg.Is<HandoverList>(l => l.Ledgers.SequenceEqual(new[] { "党建台账", "项目台账" }) && l.Assets.Single() == "办公电脑 2 台" && l.Funds.Count == 0),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Post_AcceptStep_ReturnWithoutWhatIsMissingThenAccept()
    {
        Given(Context(Incoming, HandoverParty.Incoming) with
        {
            MeetingPassed = true,
            ListRequested = true,
            List = new HandoverList { Ledgers = ["党建台账"], MonitoredHouseholds = ["张家 <b>"] },
        });
        var html = await (await _browser.GetAsync(Link(Incoming))).Content.ReadAsStringAsync();
        html.ShouldContain("<li>张家 &lt;b&gt;</li>");

        using var wrong = await _browser.PostAsync(Link(Incoming), Form(FormScraper.AntiforgeryToken(html), ("step", "accept"), ("decision", "return"), ("missing", string.Empty)));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(wrongHtml, HandoverFields.Missing).ShouldBe("退回时请写明缺少的内容。");

        using var right = await _browser.PostAsync(Link(Incoming), Form(FormScraper.AntiforgeryToken(wrongHtml), ("step", "accept"), ("decision", "accept")));

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("交接已完成");
        await _forms.Received(1).ReviewListAsync(Incoming, true, null, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Post_PageFromEarlierStep_ConflictShowsCurrentStepNothingRecorded()
    {
        var token = await AntiforgeryAsync(Outgoing);
        Given(Context(Outgoing, HandoverParty.Outgoing) with { MeetingPassed = true, ListRequested = true });

        using var response = await _browser.PostAsync(Link(Outgoing), Form(token, ("step", "meeting"), ("response", "accept")));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("此页面内容已更新");
        html.ShouldContain("name=\"step\" value=\"list\"");
        await _forms.DidNotReceiveWithAnyArgs().RespondAsync(default!, default, default, default);
        await _forms.DidNotReceiveWithAnyArgs().SubmitListAsync(default!, default!, default);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedAndNothingRecorded()
    {
        using var response = await _browser.PostAsync(Link(Outgoing), Form(null, ("step", "meeting"), ("response", "accept")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("页面已过期");
        await _forms.DidNotReceiveWithAnyArgs().RespondAsync(default!, default, default, default);
    }

    [Fact]
    public async Task GetAndPost_Completed_DonePageAndReplayConflict()
    {
        Given(Context(Incoming, HandoverParty.Incoming) with { MeetingPassed = true, Completed = true });

        using var get = await _browser.GetAsync(Link(Incoming));
        using var post = await _browser.PostAsync(Link(Incoming), Form(null, ("step", "accept"), ("decision", "accept")));

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).ShouldContain("交接已完成");
        post.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await _forms.DidNotReceiveWithAnyArgs().ReviewListAsync(default!, default, default, default);
    }

    [Fact]
    public async Task Get_IncomingWhileListPending_WaitingPage()
    {
        Given(Context(Incoming, HandoverParty.Incoming) with { MeetingPassed = true, ListRequested = true });

        using var response = await _browser.GetAsync(Link(Incoming) + "?lang=en");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Handover in progress");
        html.ShouldContain("the outgoing secretary is asked for the handover list");
        html.ShouldNotContain("<form");
    }

    [Fact]
    public async Task Post_WorkflowSaysGone_ClearPage410()
    {
        _forms.RespondAsync(default!, default, default, default).ReturnsForAnyArgs(new CommandResult { Status = CommandStatus.Gone, Message = "the meeting time has passed" });
        var token = await AntiforgeryAsync(Outgoing);

        using var response = await _browser.PostAsync(Link(Outgoing), Form(token, ("step", "meeting"), ("response", "accept")));

        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await response.Content.ReadAsStringAsync()).ShouldContain("此步骤已结束");
    }

    [Fact]
    public async Task Get_ForgedExpiredOrOtherPurposeToken_ClearPages()
    {
        var tokens = _app.Services.GetRequiredService<LinkTokenService>();
        var genuine = Token(Outgoing);
        var forged = genuine[..^3] + (genuine[^3] == 'A' ? "B" : "A") + genuine[^2..];
        var expired = tokens.Issue(LinkPurposes.Handover, Outgoing, DispatchAppFactory.ClockStart.AddSeconds(-1));
        var checkIn = tokens.Issue(LinkPurposes.CheckIn, Outgoing, DispatchAppFactory.ClockStart.AddDays(30));

        using var tampered = await _browser.GetAsync($"/handover/{forged}");
        using var old = await _browser.PostAsync($"/handover/{expired}", Form(null));
        using var other = await _browser.GetAsync($"/handover/{checkIn}");

        tampered.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await tampered.Content.ReadAsStringAsync()).ShouldContain("链接无效");
        old.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await old.Content.ReadAsStringAsync()).ShouldContain("链接已过期");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await _forms.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    [Fact]
    public async Task Get_UnknownHandover_ClearPage404()
    {
        _forms.GetAsync(Outgoing, Arg.Any<CancellationToken>()).Returns((HandoverFormContext?)null);

        using var response = await _browser.GetAsync(Link(Outgoing));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("未找到记录");
    }

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
        _factory.Dispose();
    }

    private static HandoverFormContext Context(string subject, HandoverParty party) => new(
        subject, "r2023.v01", party, "荷塘村", "荷塘镇", "李明", "王强",
        new DateTimeOffset(2023, 7, 4, 1, 0, 0, TimeSpan.Zero), "荷塘村村委会",
        Confirmed: false, MeetingPassed: false, ListRequested: false, List: null, ReturnedList: null, Missing: null, Completed: false);

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        if (token is not null)
        {
            values["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(values);
    }

    private void Given(HandoverFormContext context) => _forms.GetAsync(context.Subject, Arg.Any<CancellationToken>()).Returns(context);

    private async Task<string> AntiforgeryAsync(string subject) =>
        FormScraper.AntiforgeryToken(await (await _browser.GetAsync(Link(subject))).Content.ReadAsStringAsync());

    private string Token(string subject) =>
        _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.Handover, subject, DispatchAppFactory.ClockStart.AddDays(40));

    private string Link(string subject) => $"/handover/{Token(subject)}";
}
