using System.Text.Json;
using Dispatch.Functions.Hosting;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Validate_Defaults_UseLocalAzuriteAndSystemClock()
    {
        var options = new DispatchHostOptions();

        options.Storage.EffectiveConnectionString.ShouldNotBeNull().ShouldContain("TableEndpoint=http://127.0.0.1:10002/devstoreaccount1");
        options.Clock.Mode.ShouldBe(ClockMode.System);
        options.EffectiveMailMode.ShouldBe(Dispatch.Mail.MailMode.SendGrid);
        options.Environment = "Development";
        options.EffectiveMailMode.ShouldBe(Dispatch.Mail.MailMode.Outbox);
    }

    [Theory]
    [InlineData("Dispatch:TaskHub", "x", "Dispatch:TaskHub")]
    [InlineData("Dispatch:TaskHub", "9hub", "Dispatch:TaskHub")]
    [InlineData("Dispatch:Storage:ConnectionString", "garbage", "Dispatch:Storage:ConnectionString")]
    [InlineData("Dispatch:Storage:Credential", "managedidentity", "Dispatch:Storage:Credential")]
    [InlineData("Dispatch:Storage:TableServiceUri", "https://acct.table.core.windows.net", "Dispatch:Storage:Credential")]
    [InlineData("Dispatch:Keys:Hr", "short", "Dispatch:Keys:Hr")]
    [InlineData("Dispatch:Keys:Manager", DispatchAppFactory.HrKey, "must differ")]
    [InlineData("Dispatch:Clock:Speed", "0", "Dispatch:Clock:Speed")]
    [InlineData("Dispatch:Keys:TokenSigning", "too-short", "Dispatch:Keys:TokenSigning")]
    public async Task Start_BadSetting_IsRefusedNamingTheSetting(string key, string value, string expected)
    {
        var error = await StartupProbe.StartAsync(new Dictionary<string, string?> { [key] = value, ["Dispatch:Clock:Mode"] = "Scaled" });

        error.ShouldBeOfType<OptionsValidationException>().Message.ShouldContain(expected);
    }

    [Fact]
    public async Task Start_GoodSettings_Starts()
    {
        var error = await StartupProbe.StartAsync(new Dictionary<string, string?>());

        error.ShouldBeNull();
    }

    [Fact]
    public async Task Start_ProductionWithoutKeys_IsRefused()
    {
        var error = await StartupProbe.StartAsync(new Dictionary<string, string?>
        {
            ["Dispatch:Environment"] = "Production",
            ["Dispatch:Keys:Admin"] = "",
        });

        error.ShouldBeOfType<OptionsValidationException>().Message.ShouldContain("Dispatch:Keys:Admin is missing");
    }

    [Theory]
    [InlineData("Manual")]
    [InlineData("Scaled")]
    public async Task Start_FastClockOutsideDevelopment_IsRefused(string mode)
    {
        var error = await StartupProbe.StartAsync(new Dictionary<string, string?> { ["Dispatch:Environment"] = "Production", ["Dispatch:Clock:Mode"] = mode });

        error.ShouldBeOfType<OptionsValidationException>().Message.ShouldContain("Dispatch:Clock:Mode");
    }

    [Fact]
    public void Start_DevelopmentWithoutKeys_GeneratesStableKeysFile()
    {
        var settings = new Dictionary<string, string?> { ["Dispatch:Keys:Hr"] = "", ["Dispatch:Keys:Manager"] = "", ["Dispatch:Keys:Admin"] = "", ["Dispatch:Keys:TokenSigning"] = "" };
        using var first = new DispatchAppFactory(settings);
        _ = first.CreateClient();
        var keysPath = Path.Combine(first.DataDirectory, DevelopmentKeys.FileName);
        var generated = first.Services.GetRequiredService<IOptions<DispatchHostOptions>>().Value.Keys;

        var stored = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(keysPath))!;

        stored["Hr"].ShouldBe(generated.Hr);
        stored["Manager"].ShouldBe(generated.Manager);
        stored["Admin"].ShouldBe(generated.Admin);
        stored["TokenSigning"].ShouldBe(generated.TokenSigning);
        generated.Hr!.Length.ShouldBeGreaterThanOrEqualTo(DispatchHostOptionsValidator.MinimumKeyLength);
        using var second = new DispatchAppFactory(new Dictionary<string, string?>(settings) { ["Dispatch:DataDirectory"] = first.DataDirectory });
        _ = second.CreateClient();
        second.Services.GetRequiredService<IOptions<DispatchHostOptions>>().Value.Keys.Admin.ShouldBe(generated.Admin);
    }

    [Fact]
    public async Task Start_ConnectionStringAndServiceUri_IsRefused()
    {
        var error = await StartupProbe.StartAsync(new Dictionary<string, string?>
        {
            ["Dispatch:Storage:ConnectionString"] = DispatchHostOptions.LocalAzuriteConnectionString,
            ["Dispatch:Storage:TableServiceUri"] = "https://acct.table.core.windows.net",
            ["Dispatch:Storage:Credential"] = "managedidentity",
        });

        error.ShouldBeOfType<OptionsValidationException>().Message.ShouldContain("exactly one of ConnectionString and TableServiceUri");
    }

    [Fact]
    public void Validate_ServiceUriWithManagedIdentity_HasNoStorageFailure()
    {
        var options = new DispatchHostOptions { Environment = "Development" };
        options.Storage.TableServiceUri = new Uri("https://acct.table.core.windows.net");
        options.Storage.Credential = "managedidentity";

        var result = new DispatchHostOptionsValidator().Validate(null, options);

        (result.FailureMessage ?? string.Empty).ShouldNotContain("Dispatch:Storage");
        options.Storage.EffectiveConnectionString.ShouldBeNull();
    }
}
