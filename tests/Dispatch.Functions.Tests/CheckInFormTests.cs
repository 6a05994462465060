using System.Net;
using Dispatch.Functions.Forms;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Dispatch.Functions.Tests;

public sealed class CheckInFormTests : IDisposable
{
    private const string CheckInId = "r2023-v01|2023-08";
    private readonly DispatchAppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly ICheckInForms _forms = Substitute.For<ICheckInForms>();
    private readonly HttpClient _browser;

    public CheckInFormTests()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_forms)));
        _browser = _app.CreateClient();
        GivenCheckIn(answered: false);
        _forms.SubmitAsync(CheckInId, Arg.Any<CheckInAnswer>(), Arg.Any<CancellationToken>()).Returns(true);
    }

    [Fact]
    public async Task Get_ValidToken_RendersChineseFormPrefilledWithAntiforgery()
    {
        using var response = await _browser.GetAsync(Link());
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        html.ShouldContain("lang=\"zh-CN\"");
        html.ShouldContain("驻村天数");
        html.ShouldContain("月度工作报告");
        html.ShouldContain("荷塘村");
        FormScraper.ValueOf(html, CheckInFields.DaysInVillage).ShouldBe("20");
        FormScraper.AntiforgeryToken(html).ShouldNotBeNullOrEmpty();
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Theory]
    [InlineData("?lang=en", null)]
    [InlineData("", "en-GB,en;q=0.9")]
    public async Task Get_EnglishAsked_RendersEnglish(string query, string? acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Link() + query);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await _browser.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        html.ShouldContain("lang=\"en\"");
        html.ShouldContain("Days in village");
        html.ShouldContain("Monthly check-in");
    }

    [Fact]
    public async Task Get_ForgedToken_ClearPage404()
    {
        var genuine = Token();
        var forged = genuine[..^3] + (genuine[^3] == 'A' ? "B" : "A") + genuine[^2..];

        using var tampered = await _browser.GetAsync($"/checkin/{forged}");
        using var garbage = await _browser.GetAsync("/checkin/not-a-token");

        tampered.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var html = await tampered.Content.ReadAsStringAsync();
        html.ShouldContain("链接无效");
        html.ShouldNotContain("Exception");
        garbage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await _forms.DidNotReceiveWithAnyArgs().GetAsync(default!, default);
    }

    [Fact]
    public async Task Get_TokenForAnotherPage_Refused()
    {
        var reviewToken = _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.Review, CheckInId, DispatchAppFactory.ClockStart.AddDays(30));

        using var response = await _browser.GetAsync($"/checkin/{reviewToken}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_ExpiredToken_ClearPage410()
    {
        var expired = _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.CheckIn, CheckInId, DispatchAppFactory.ClockStart.AddSeconds(-1));

        using var response = await _browser.GetAsync($"/checkin/{expired}?lang=en");

        response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await response.Content.ReadAsStringAsync()).ShouldContain("This link has expired");
    }

    [Fact]
    public async Task Get_UnknownCheckIn_ClearPage404()
    {
        _forms.GetAsync(CheckInId, Arg.Any<CancellationToken>()).Returns((CheckInFormContext?)null);

        using var response = await _browser.GetAsync(Link());

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldContain("未找到记录");
    }

    [Fact]
    public async Task Get_AlreadyAnswered_ShowsUsedPage()
    {
        GivenCheckIn(answered: true);

        using var response = await _browser.GetAsync(Link());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("本月报告已提交");
    }

    [Fact]
    public async Task Post_MistakeThenCorrection_ErrorBesideFieldThenConfirmation()
    {
        var html = await (await _browser.GetAsync(Link())).Content.ReadAsStringAsync();
        var token = FormScraper.AntiforgeryToken(html);

        using var wrong = await _browser.PostAsync(Link(), Form(token, days: "二十二", funds: "1.5万"));
        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(wrongHtml, CheckInFields.DaysInVillage).ShouldBe("请填写整数（可用全角数字）。");
        FormScraper.ErrorFor(wrongHtml, CheckInFields.HouseholdsVisited).ShouldBeNull();
        FormScraper.ValueOf(wrongHtml, CheckInFields.DaysInVillage).ShouldBe("二十二");
        FormScraper.ValueOf(wrongHtml, CheckInFields.FundsSecuredYuan).ShouldBe("1.5万");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);

        using var right = await _browser.PostAsync(Link(), Form(FormScraper.AntiforgeryToken(wrongHtml), days: "２２", funds: "1.5万"));

        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).ShouldContain("报告已提交");
        await _forms.Received(1).SubmitAsync(CheckInId, Arg.Is<CheckInAnswer>(a => a.DaysInVillage == 22 && a.FundsSecuredYuan == 15000m && a.LeaveDays == 2 && a.Highlights == "修路 <b>"), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Post_DaysPlusLeaveOverMonth_RangeErrorOnLeave()
    {
        var token = FormScraper.AntiforgeryToken(await (await _browser.GetAsync(Link())).Content.ReadAsStringAsync());

        using var response = await _browser.PostAsync(Link(), Form(token, days: "30", leave: "5"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        FormScraper.ErrorFor(await response.Content.ReadAsStringAsync(), CheckInFields.LeaveDays).ShouldNotBeNull();
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_RefusedAndNothingRecorded()
    {
        using var response = await _browser.PostAsync(Link(), Form(token: null, days: "22"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("页面已过期");
        await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);
    }

    [Fact]
    public async Task Post_Replay_AnsweredAlready_Conflict()
    {
        var token = FormScraper.AntiforgeryToken(await (await _browser.GetAsync(Link())).Content.ReadAsStringAsync());
        _forms.SubmitAsync(CheckInId, Arg.Any<CheckInAnswer>(), Arg.Any<CancellationToken>()).Returns(false);

        using var response = await _browser.PostAsync(Link(), Form(token, days: "22"));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("本月报告已提交");
    }

    [Fact]
    public async Task Get_HostileValues_AreEncoded()
    {
        _forms.GetAsync(CheckInId, Arg.Any<CancellationToken>()).Returns(Context(false) with { VillageName = "<script>alert(1)</script>" });

        var html = await (await _browser.GetAsync(Link())).Content.ReadAsStringAsync();

        html.ShouldNotContain("<script>alert(1)");
        html.ShouldContain("&lt;script&gt;");
    }

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
        _factory.Dispose();
    }

    private string Token() =>
        _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.CheckIn, CheckInId, DispatchAppFactory.ClockStart.AddDays(40));

    private string Link() => $"/checkin/{Token()}";

    private void GivenCheckIn(bool answered) => _forms.GetAsync(CheckInId, Arg.Any<CancellationToken>()).Returns(Context(answered));

    private static CheckInFormContext Context(bool answered) => new(
        CheckInId, "r2023-v01", "荷塘村", "荷塘镇", "李明", "2023-08", answered, Late: false,
        new CheckInAnswer
        {
            DaysInVillage = 20, HouseholdsVisited = 0, ProblemsSolved = 0, FundsSecuredYuan = 0, ProjectsAdvanced = 0,
            Highlights = string.Empty, HelpNeeded = string.Empty, LeaveDays = 0,
        });

    private static FormUrlEncodedContent Form(string? token, string days, string funds = "0", string leave = "2")
    {
        var fields = new Dictionary<string, string>
        {
            [CheckInFields.DaysInVillage] = days,
            [CheckInFields.HouseholdsVisited] = "35",
            [CheckInFields.ProblemsSolved] = "4",
            [CheckInFields.FundsSecuredYuan] = funds,
            [CheckInFields.ProjectsAdvanced] = "1",
            [CheckInFields.Highlights] = "修路 <b>",
            [CheckInFields.HelpNeeded] = string.Empty,
            [CheckInFields.LeaveDays] = leave,
        };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }

        return new FormUrlEncodedContent(fields);
    }
}
