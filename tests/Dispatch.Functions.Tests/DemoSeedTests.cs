using Dispatch.Functions.Hosting;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Workflow.Lifecycle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dispatch.Functions.Tests;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task Start_DemoSeedOn_LoadsPengjiangRoundWithTwelveStartedPostsOnce()
    {
        await using var factory = new DispatchAppFactory(new Dictionary<string, string?> { ["Dispatch:Demo:Seed"] = "true" });
        var assignments = factory.Services.GetRequiredService<AssignmentService>();

        var round = await assignments.GetRoundAsync(DemoRound.RoundId);
        round.ShouldNotBeNull();
        round.Region.ShouldBe("江门市蓬江区");
        round.StartsOn.ShouldBe(new DateOnly(2023, 7, 1));
        (await assignments.ListVillagesAsync()).Count(v => v.Id.StartsWith("demo-v", StringComparison.Ordinal)).ShouldBe(12);

        await factory.Services.GetServices<IHostedService>().OfType<DemoSeeder>().Single().StartAsync(CancellationToken.None);
        var again = await assignments.StartRoundAsync(DemoRound.RoundId, DemoRound.Villages.Select(v => v.Id).ToList());

        again.Count.ShouldBe(12);
        again.ShouldAllBe(r => !r.Created);
        (await assignments.ListCadresAsync()).Count(c => c.Id.StartsWith("demo-c", StringComparison.Ordinal)).ShouldBe(12);
    }

    [Fact]
    public async Task Start_DemoSeedOff_LoadsNothing()
    {
        await using var factory = new DispatchAppFactory();

        (await factory.Services.GetRequiredService<AssignmentService>().GetRoundAsync(DemoRound.RoundId)).ShouldBeNull();
    }
}
