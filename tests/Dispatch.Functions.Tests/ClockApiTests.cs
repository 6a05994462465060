using System.Net;
using System.Net.Http.Json;
using Dispatch.Functions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests;

public sealed class ClockApiTests : IDisposable
{
    private readonly DispatchAppFactory _factory = new();

    [Fact]
    public async Task GetClock_ManualMode_ReturnsConfiguredStart()
    {
        using var client = _factory.CreateClient(DispatchAppFactory.AdminKey);

        var state = await client.GetFromJsonAsync<ClockStateDto>("/api/admin/clock");

        state.ShouldNotBeNull();
        state.Mode.ShouldBe("manual");
        state.Now.ShouldBe(DispatchAppFactory.ClockStart);
    }

    [Fact]
    public async Task AdvanceClock_Days_MovesTimeAndTimeProviderAgrees()
    {
        using var client = _factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsJsonAsync("/api/admin/clock/advance", new { days = 31 });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var state = await response.Content.ReadFromJsonAsync<ClockStateDto>();
        state!.Now.ShouldBe(DispatchAppFactory.ClockStart.AddDays(31));
        _factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().ShouldBe(DispatchAppFactory.ClockStart.AddDays(31));
    }

    [Fact]
    public async Task AdvanceClock_To_FiresTimersInDueOrder()
    {
        var clock = _factory.Services.GetRequiredService<TimeProvider>();
        var fired = new List<DateTimeOffset>();
        using var late = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromDays(10), Timeout.InfiniteTimeSpan);
        using var early = clock.CreateTimer(_ => fired.Add(clock.GetUtcNow()), null, TimeSpan.FromDays(2), Timeout.InfiniteTimeSpan);
        using var client = _factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsJsonAsync("/api/admin/clock/advance", new { to = DispatchAppFactory.ClockStart.AddDays(20) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        fired.ShouldBe([DispatchAppFactory.ClockStart.AddDays(2), DispatchAppFactory.ClockStart.AddDays(10)]);
    }

    [Theory]
    [InlineData("{}", "request")]
    [InlineData("""{"days": 0}""", "days")]
    [InlineData("""{"days": 5000}""", "days")]
    [InlineData("""{"days": 1, "to": "2024-01-01T00:00:00Z"}""", "request")]
    [InlineData("""{"to": "2020-01-01T00:00:00Z"}""", "to")]
    [InlineData("""{"days": "three"}""", "days")]
    [InlineData("""{"weeks": 2}""", "weeks")]
    public async Task AdvanceClock_BadBody_ReturnsFieldError(string body, string field)
    {
        using var client = _factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsync("/api/admin/clock/advance", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var messages = await response.ShouldBeFieldErrorAsync(field);
        messages.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task AdvanceClock_SystemClock_ReturnsConflict()
    {
        using var factory = new DispatchAppFactory(new Dictionary<string, string?> { ["Dispatch:Clock:Mode"] = "System" });
        using var client = factory.CreateClient(DispatchAppFactory.AdminKey);

        using var response = await client.PostAsJsonAsync("/api/admin/clock/advance", new { days = 1 });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        factory.Services.GetRequiredService<TimeProvider>().ShouldBe(TimeProvider.System);
    }

    [Fact]
    public void Start_ScaledClock_RunsFasterThanRealTime()
    {
        using var factory = new DispatchAppFactory(new Dictionary<string, string?> { ["Dispatch:Clock:Mode"] = "Scaled", ["Dispatch:Clock:Speed"] = "3600" });
        _ = factory.CreateClient();

        var clock = factory.Services.GetRequiredService<TimeProvider>();

        clock.ShouldBeOfType<Dispatch.Functions.Clock.ScaledTimeProvider>().Speed.ShouldBe(3600);
        clock.GetUtcNow().ShouldBeGreaterThanOrEqualTo(DispatchAppFactory.ClockStart);
    }

    public void Dispose() => _factory.Dispose();

    private sealed record ClockStateDto(string Mode, DateTimeOffset Now, int Processed);
}
