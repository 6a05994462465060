using Dispatch.Functions.Forms;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NSubstitute;

namespace Dispatch.Functions.Tests.Browser;

/// <summary>A secretary's check-in in a real browser (Chromium) against the host on a loopback port.</summary>
public sealed class CheckInBrowserTests : IDisposable
{
    private const string CheckInId = "r2023-v01|2023-08";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly DispatchAppFactory _factory = new();
    private readonly WebApplicationFactory<Program> _app;
    private readonly ICheckInForms _forms = Substitute.For<ICheckInForms>();

    public CheckInBrowserTests()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton(_forms)));
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
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = _app.Services.GetRequiredService<LinkTokenService>().Issue(LinkPurposes.CheckIn, CheckInId, DispatchAppFactory.ClockStart.AddDays(40));
        var screenshots = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(screenshots);

        // The package ships no Linux Node.js binary for its driver here; the system one serves.
        if (Environment.GetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH") is null && File.Exists("/usr/bin/node"))
        {
            Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", "/usr/bin/node");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });

        foreach (var (name, width, height) in new[] { ("phone", 390, 844), ("desktop", 1280, 800) })
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = width, Height = height } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{address.TrimEnd('/')}/checkin/{token}");
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

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
    }
}
