using Dispatch.Functions.Forms;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NSubstitute;

namespace Dispatch.Functions.Tests.Browser;

/// <summary>A secretary's check-in, handover list and self-report in a real browser (Chromium) against the host on a loopback port.</summary>
public sealed class CheckInBrowserTests : IDisposable
{
    private const string CheckInId = "r2023-v01|2023-08";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly DispatchAppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly ICheckInForms _forms = Substitute.For<ICheckInForms>();
    private readonly IHandoverForms _handovers = Substitute.For<IHandoverForms>();
    private readonly IReviewForms _reviews = Substitute.For<IReviewForms>();

    public CheckInBrowserTests()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_forms).AddSingleton(_handovers).AddSingleton(_reviews)));
        _app.UseKestrel(0);
        _forms.GetAsync(CheckInId, Arg.Any<CancellationToken>()).Returns(new CheckInFormContext(
            CheckInId, "r2023-v01", "荷塘村", "荷塘镇", "李明", "2023-08", Answered: false, Late: false,
            new CheckInAnswer
            {
                DaysInVillage = 20, HouseholdsVisited = 0, ProblemsSolved = 0, FundsSecuredYuan = 0, ProjectsAdvanced = 0,
                Highlights = string.Empty, HelpNeeded = string.Empty, LeaveDays = 0,
            }));
        _forms.SubmitAsync(CheckInId, Arg.Any<CheckInAnswer>(), Arg.Any<CancellationToken>()).Returns(true);
    }

    [ChromiumFact]
    public async Task CheckIn_MistakeThenCorrection_ErrorBesideFieldThenConfirmation()
    {
        var (address, screenshots) = Start();
        var token = _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.CheckIn, CheckInId, DispatchAppFactory.ClockStart.AddDays(40));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);

        foreach (var (name, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 800) })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{address}/checkin/{token}");
            (await page.TitleAsync()).ShouldNotBeNullOrEmpty();
            await page.Locator($"[name=\"{CheckInFields.DaysInVillage}\"]").FillAsync("40");
            await page.Locator($"[name=\"{CheckInFields.LeaveDays}\"]").FillAsync("0");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"checkin-{name}-1-filled.png"), FullPage = true });
            await page.Locator("button[type=submit]").ClickAsync();

            var error = page.Locator($"#{CheckInFields.DaysInVillage}-error");
            (await error.TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
            (await page.Locator($"[name=\"{CheckInFields.DaysInVillage}\"]").InputValueAsync()).ShouldBe("40");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"checkin-{name}-2-error.png"), FullPage = true });
            await _forms.DidNotReceiveWithAnyArgs().SubmitAsync(default!, default!, default);

            await page.Locator($"[name=\"{CheckInFields.DaysInVillage}\"]").FillAsync("22");
            await page.Locator("button[type=submit]").ClickAsync();

            (await page.ContentAsync()).ShouldContain("报告已提交");
            (await page.Locator($"#{CheckInFields.DaysInVillage}-error").CountAsync()).ShouldBe(0);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"checkin-{name}-3-confirmation.png"), FullPage = true });
            await _forms.Received(1).SubmitAsync(CheckInId, Arg.Is<CheckInAnswer>(a => a.DaysInVillage == 22 && a.LeaveDays == 0), Arg.Any<CancellationToken>());
            _forms.ClearReceivedCalls();
        }

        File.Exists(Path.Combine(screenshots, "checkin-phone-2-error.png")).ShouldBeTrue();
        File.Exists(Path.Combine(screenshots, "checkin-desktop-3-confirmation.png")).ShouldBeTrue();
    }

    [ChromiumFact]
    public async Task HandoverListAndSelfReport_MistakeThenCorrection_ErrorBesideFieldThenConfirmation()
    {
        const string Subject = "r2023.v01|outgoing";
        const string TaskId = "r2023.v01|review-1|Self";
        _handovers.GetAsync(Subject, Arg.Any<CancellationToken>()).Returns(new HandoverFormContext(
            Subject, "r2023.v01", HandoverParty.Outgoing, "荷塘村", "荷塘镇", "李明", "王强", DispatchAppFactory.ClockStart.AddDays(-1), "荷塘村村委会",
            Confirmed: true, MeetingPassed: true, ListRequested: true, List: null,
            ReturnedList: new HandoverList { Ledgers = ["党建台账", "项目台账"] }, Missing: "缺少防返贫监测户名单", Completed: false));
        _handovers.SubmitListAsync(default!, default!, default).ReturnsForAnyArgs(new CommandResult { Status = CommandStatus.Accepted });
        _reviews.GetAsync(TaskId, Arg.Any<CancellationToken>()).Returns(new ReviewFormContext(
            TaskId, "r2023.v01", "荷塘村", "荷塘镇", "王强", ReviewScorer.Self, ReviewKind.TermEnd, DispatchAppFactory.ClockStart.AddDays(14),
            Closed: false, Submitted: false, SelfReport: null, AttendanceFailures: 0,
            new ReviewPeriodFacts(12, 12, 0, 0, 0, 264, 180, 21, 350_000m, 3, ["修缮村道", "引进茶叶合作社"]), (90, 75, 60)));
        _reviews.SubmitAsync(default!, default!, default).ReturnsForAnyArgs(new CommandResult { Status = CommandStatus.Accepted });
        var (address, screenshots) = Start();
        var tokens = _app.Services.GetRequiredService<LinkTokenService>();
        var handover = $"{address}/handover/{tokens.Issue(LinkPurposes.Handover, Subject, DispatchAppFactory.ClockStart.AddDays(40))}";
        var review = $"{address}/review/{tokens.Issue(LinkPurposes.Review, TaskId, DispatchAppFactory.ClockStart.AddDays(40))}";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchAsync(playwright);

        foreach (var (name, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 800) })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(handover);
            (await page.Locator("[name=\"ledgers\"]").InputValueAsync()).ShouldBe("党建台账\n项目台账");
            await page.Locator("[name=\"ledgers\"]").FillAsync(string.Empty);
            await page.Locator("button[type=submit]").ClickAsync();
            (await page.Locator("#ledgers-error").TextContentAsync()).ShouldNotBeNullOrWhiteSpace();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"handover-{name}-1-error.png"), FullPage = true });
            await _handovers.DidNotReceiveWithAnyArgs().SubmitListAsync(default!, default!, default);

            await page.Locator("[name=\"ledgers\"]").FillAsync("党建台账\n项目台账");
            await page.Locator("[name=\"monitoredHouseholds\"]").FillAsync("张家（脱贫不稳定户）");
            await page.Locator("button[type=submit]").ClickAsync();
            (await page.ContentAsync()).ShouldContain("交接清单已提交");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"handover-{name}-2-confirmation.png"), FullPage = true });
            await _handovers.Received(1).SubmitListAsync(Subject, Arg.Is<HandoverList>(l => l.Ledgers.Count == 2 && l.MonitoredHouseholds.Count == 1), Arg.Any<CancellationToken>());
            _handovers.ClearReceivedCalls();

            await page.GotoAsync(review);
            (await page.Locator("[name=\"text\"]").InputValueAsync()).ShouldContain("累计驻村 264 天");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"review-{name}-1-draft.png"), FullPage = true });
            await page.Locator("button[type=submit]").ClickAsync();
            (await page.ContentAsync()).ShouldContain("您的考核表已记录");
            await _reviews.Received(1).SubmitAsync(TaskId, Arg.Is<ReviewForm>(f => f.Text.Contains("引进茶叶合作社")), Arg.Any<CancellationToken>());
            _reviews.ClearReceivedCalls();
        }

        File.Exists(Path.Combine(screenshots, "handover-phone-1-error.png")).ShouldBeTrue();
    }

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }

    private static async Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

    private (string Address, string Screenshots) Start()
    {
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        // The package ships no Linux Node.js binary for its driver here; the system one serves.
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH") is null && File.Exists("/usr/bin/node"))
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
        }

        return (address, screenshots);
    }
}
