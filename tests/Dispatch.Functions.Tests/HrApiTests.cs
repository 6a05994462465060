using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dispatch.Functions.Tests.Infrastructure;

namespace Dispatch.Functions.Tests;

/// <summary>HR's endpoints over the real workflow, engine and outbox (in memory, manual clock).</summary>
public sealed class HrApiTests : IDisposable
{
    private readonly DispatchAppFactory _factory = new();
    private readonly HttpClient _hr;
    private readonly HttpClient _manager;

    public HrApiTests()
    {
        _hr = _factory.CreateClient(DispatchAppFactory.HrKey);
        _manager = _factory.CreateClient(DispatchAppFactory.ManagerKey);
    }

    [Fact]
    public async Task ImportVillagesCsv_BrokenRows_FieldErrorsNamingLinesAndNothingImported()
    {
        const string Csv = "id,name,township,kind,categories,needs\nv01,荷塘村,荷塘镇,village,formerly_poor_village,roads\nv 02,,荷塘镇,castle,unknown_category,\n";

        using var response = await _hr.PostAsync("/api/villages", new StringContent(Csv, Encoding.UTF8, "text/csv"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        fields.ShouldNotBeEmpty();
        fields.ShouldAllBe(f => f.StartsWith("line 3", StringComparison.Ordinal));
        using var start = await _hr.PostAsJsonAsync("/api/assignments", new { roundId = "r2023", villageId = "v01" });
        await start.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ImportVillagesJson_UnknownFieldAndMissingRequired_FieldErrors()
    {
        using var unknown = await _hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村","township":"荷塘镇","colour":"red"}]"""));
        using var missing = await _hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村"}]"""));

        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").ToString().ShouldContain("colour");
        (await missing.ShouldBeFieldErrorAsync("township")).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task StartAssignment_Repeated_SameInstanceAndCheckStatusPayload()
    {
        await SeedAsync();

        using var first = await _hr.PostAsJsonAsync("/api/assignments", new { roundId = "r2023", villageId = "v01" });
        using var second = await _hr.PostAsJsonAsync("/api/assignments", new { roundId = "r2023", villageId = "v01" });

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted, await first.Content.ReadAsStringAsync());
        second.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var payload = await first.Content.ReadFromJsonAsync<JsonElement>();
        var id = payload.GetProperty("id").GetString()!;
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().ShouldBe(id);
        first.Headers.Location!.ToString().ShouldBe(payload.GetProperty("statusQueryGetUri").GetString());
        foreach (var name in new[] { "statusQueryGetUri", "sendEventPostUri", "terminatePostUri", "purgeHistoryDeleteUri", "suspendPostUri", "resumePostUri" })
        {
            payload.GetProperty(name).GetString()!.ShouldContain($"/runtime/webhooks/durabletask/instances/{Uri.EscapeDataString(id)}");
        }

        using var status = await _manager.GetAsync(new Uri(payload.GetProperty("statusQueryGetUri").GetString()!).PathAndQuery);
        status.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var list = await _manager.GetFromJsonAsync<JsonElement>("/runtime/webhooks/durabletask/instances");
        list.GetArrayLength().ShouldBe(1);
        using var details = await _manager.GetAsync($"/api/assignments/{Uri.EscapeDataString(id)}");
        details.StatusCode.ShouldBe(HttpStatusCode.OK, await details.Content.ReadAsStringAsync());
        using var assignments = await _manager.GetAsync("/api/assignments?roundId=r2023");
        assignments.StatusCode.ShouldBe(HttpStatusCode.OK, await assignments.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetAssignment_Unknown_404AndBadIdIs400()
    {
        using var unknown = await _manager.GetAsync("/api/assignments/r2023.v99");
        using var bad = await _manager.GetAsync($"/api/assignments/{new string('x', 101)}");

        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await bad.ShouldBeFieldErrorAsync("assignmentId")).ShouldNotBeEmpty();
    }

    public void Dispose()
    {
        _hr.Dispose();
        _manager.Dispose();
        _factory.Dispose();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private async Task SeedAsync()
    {
        using var round = await _hr.PostAsync("/api/rounds", Json("""{"id":"r2023","name":"2023年第一书记轮换","region":"蓬江区","startsOn":"2023-07-01","termMonths":24}"""));
        round.StatusCode.ShouldBe(HttpStatusCode.OK, await round.Content.ReadAsStringAsync());
        using var villages = await _hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村","township":"荷塘镇","kind":"village","categories":["formerly_poor_village"],"needs":["roads"]}]"""));
        villages.StatusCode.ShouldBe(HttpStatusCode.OK, await villages.Content.ReadAsStringAsync());
        using var cadres = await _hr.PostAsync("/api/cadres", Json("""[{"id":"c01","name":"李明","email":"liming@example.cn","unit":"u-city-water","unitLevel":"city","partyMember":true,"birthDate":"1985-03-02","workStartDate":"2008-07-01","skills":["roads"]}]"""));
        cadres.StatusCode.ShouldBe(HttpStatusCode.OK, await cadres.Content.ReadAsStringAsync());
    }
}
