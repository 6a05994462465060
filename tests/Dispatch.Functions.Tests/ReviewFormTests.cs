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

public sealed class ReviewFormTests : IDisposable
{
    private const string SelfTask = "r2023.v01|review-1|Self";
    private const string TownshipTask = "r2023.v01|review-1|Township";
    private readonly DispatchAppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly IReviewForms _forms = Substitute.For<IReviewForms>();
    private readonly HttpClient _browser;

    public ReviewFormTests()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_forms)));
        _browser = _app.CreateClient();
        _forms.SubmitAsync(default!, default!, default).ReturnsForAnyArgs(new CommandResult { Status = CommandStatus.Accepted });
        Given(Context(SelfTask, ReviewScorer.Self));
        Given(Context(TownshipTask, ReviewScorer.Township) with { SelfReport = "一年来修通村道 3 公里。", AttendanceFailures = 1 });
    }

    [Fact]
    public async Task Get_Self_SelfReportDraftedFromCheckIns()
    {
        using var response = await _browser.GetAsync(Link(SelfTask));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("述职报告");
        html.ShouldContain("年度考核");
        html.ShouldContain("本考核期共 12 个月，提交月度报告 11 次。累计驻村 240 天，入户走访 300 户，帮助解决问题 25 个，争取资金 350000 元，推进项目 4 个。");
        html.ShouldContain("- 修缮村道\n- 引进茶叶合作社\n存在的不足和下一步打算：");
        html.ShouldNotContain("name=\"score\"");
        FormScraper.AntiforgeryToken(html).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Get_Reviewer_RecordSelfReportAttendanceAndGradeGuide()
    {
        using var response = await _browser.GetAsync(Link(TownshipTask));
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("考核评分");
        html.ShouldContain("乡镇党委");
        html.ShouldContain("应报 12 次：按时 10，逾期 1，未报 1");
        html.ShouldContain("一年来修通村道 3 公里。");
        html.ShouldContain("本期有 1 次考勤问题");
        html.ShouldContain("参考：90 分及以上为优秀，75 分及以上为称职，60 分及以上为基本称职");
        FormScraper.ValueOf(html, ReviewFormModel.Score).ShouldBe(string.Empty);
    }

    [Fact]
    public async Task Post_ScoreOutOfRangeThenFullWidth_ErrorBesideFieldThenRecorded()
    {
        var token = await AntiforgeryAsync(TownshipTask);

        using var wrong = await _browser.PostAsync(Link(TownshipTask), Form(token, ("score", "101"), ("text", "表现突出")));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(wrongHtml, ReviewFormModel.Score).ShouldBe("请填写 0 到 100 之间的分数，最多两位小数。");
        FormScraper.ValueOf(wrongHtml, ReviewFormModel.Score).ShouldBe("101");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);

        using var right = await _browser.PostAsync(Link(TownshipTask), Form(FormScraper.AntiforgeryToken(wrongHtml), ("score", "９２.5分"), ("text", "表现突出")));

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("您的考核表已记录");
        await _forms.Received(1).SubmitAsync(TownshipTask, Arg.Is<ReviewForm>(f => f.Score == 92.5m && f.Text == "表现突出"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Post_EmptySelfReport_ErrorNothingRecorded()
    {
        var token = await AntiforgeryAsync(SelfTask);

        using var response = await _browser.PostAsync(Link(SelfTask), Form(token, ("text", "  ")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(await response.Content.ReadAsStringAsync(), ReviewFormModel.Text).ShouldBe("请填写述职报告。");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedAndNothingRecorded()
    {
        using var response = await _browser.PostAsync(Link(SelfTask), Form(null, ("text", "述职")));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("页面已过期");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);
    }

    [Fact]
    public async Task GetAndPost_AlreadySubmittedOrClosed_ClearPages()
    {
        Given(Context(SelfTask, ReviewScorer.Self) with { Submitted = true });
        Given(Context(TownshipTask, ReviewScorer.Township) with { Closed = true });

        using var used = await _browser.GetAsync(Link(SelfTask));
        using var replay = await _browser.PostAsync(Link(SelfTask), Form(null, ("text", "述职")));
        using var closed = await _browser.GetAsync(Link(TownshipTask) + "?lang=en");

        used.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await used.Content.ReadAsStringAsync()).ShouldContain("此考核表已经提交");
        replay.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        closed.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await closed.Content.ReadAsStringAsync()).ShouldContain("The review has closed");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);
    }

    [Fact]
    public async Task Post_WorkflowConflict_UsedPage409()
    {
        _forms.SubmitAsync(default!, default!, default).ReturnsForAnyArgs(new CommandResult { Status = CommandStatus.Conflict, Message = "this form was already submitted" });
        var token = await AntiforgeryAsync(SelfTask);

        using var response = await _browser.PostAsync(Link(SelfTask), Form(token, ("text", "述职")));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("已提交过");
    }

    [Fact]
    public async Task Get_English_DraftAndLabelsInEnglish()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Link(SelfTask));
        request.Headers.Add("Accept-Language", "en-US,en;q=0.8");

        var html = await (await _browser.SendAsync(request)).Content.ReadAsStringAsync();

        html.ShouldContain("lang=\"en\"");
        html.ShouldContain("Annual review");
        html.ShouldContain("Over 12 month(s) I submitted 11 monthly check-in(s)");
    }

    [Fact]
    public async Task Get_ForgedOrHandoverToken_ClearPage404()
    {
        var handover = _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.Handover, SelfTask, DispatchAppFactory.ClockStart.AddDays(30));

        using var garbage = await _browser.GetAsync("/review/not-a-token");
        using var other = await _browser.GetAsync($"/review/{handover}");

        garbage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await garbage.Content.ReadAsStringAsync()).ShouldNotContain("Exception");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await _forms.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
        _factory.Dispose();
    }

    private static ReviewFormContext Context(string taskId, ReviewScorer scorer) => new(
        taskId, "r2023.v01", "荷塘村", "荷塘镇", "李明", scorer, ReviewKind.Annual,
        new DateTimeOffset(2024, 8, 20, 0, 0, 0, TimeSpan.Zero), Closed: false, Submitted: false, SelfReport: null, AttendanceFailures: 0,
        new ReviewPeriodFacts(12, 10, 1, 1, 0, 240, 300, 25, 350_000m, 4, ["修缮村道", "引进茶叶合作社", "修缮村道"]),
        (90, 75, 60));

    private static FormUrlEncodedContent Form(string? token, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        if (token is not null)
        {
            values["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(values);
    }

    private void Given(ReviewFormContext context) => _forms.GetAsync(context.TaskId, Arg.Any<CancellationToken>()).Returns(context);

    private async Task<string> AntiforgeryAsync(string taskId) =>
        FormScraper.AntiforgeryToken(await (await _browser.GetAsync(Link(taskId))).Content.ReadAsStringAsync());

    private string Token(string taskId) =>
        _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.Review, taskId, DispatchAppFactory.ClockStart.AddDays(40));

    private string Link(string taskId) => $"/review/{Token(taskId)}";
}
