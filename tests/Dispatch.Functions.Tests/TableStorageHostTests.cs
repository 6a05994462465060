using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dispatch.Durable;
using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Functions.Apis;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Functions.Tests;

/// <summary>The host over Table Storage (Azurite): the engine's state outlives the process.</summary>
public sealed class TableStorageHostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Restart_SameStorageAndHub_InstanceSurvivesAndCompletes()
    {
        var settings = TableSettings(azurite.ConnectionString, UniqueHub());
        string id;
        await using (var first = new DispatchAppFactory(settings))
        {
            RegisterSleeper(first);
            first.Services.GetRequiredService<IOrchestrationBackend>().ShouldBeOfType<TableOrchestrationBackend>();
            var client = first.Services.GetRequiredService<DurableTaskClient>();
            id = await client.ScheduleNewOrchestrationInstanceAsync("SleepThenAnswer", "v1", new StartOrchestrationOptions("restart-1"));
            using var admin = first.CreateClient(DispatchAppFactory.AdminKey);
            using var advance = await admin.PostAsJsonAsync("/api/admin/clock/advance", new { days = 1 });
            advance.StatusCode.ShouldBe(HttpStatusCode.OK);
            using var running = await admin.GetAsync($"{Base}/instances/{id}");
            (await running.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString().ShouldBe("Running");
        }

        await using var second = new DispatchAppFactory(settings);
        RegisterSleeper(second);
        using var admin2 = second.CreateClient(DispatchAppFactory.AdminKey);
        using var found = await admin2.GetAsync($"{Base}/instances/{id}");
        var status = await found.Content.ReadFromJsonAsync<JsonElement>();
        found.StatusCode.ShouldBe(HttpStatusCode.Accepted, status.ToString());
        status.GetProperty("runtimeStatus").GetString().ShouldBe("Running");
        status.GetProperty("input").GetString().ShouldBe("v1");

        using var raise = await admin2.PostAsync($"{Base}/instances/{id}/raiseEvent/Answer", JsonContent.Create(new { days = 22 }));
        raise.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        using var advance2 = await admin2.PostAsJsonAsync("/api/admin/clock/advance", new { days = 12 });
        advance2.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var done = await admin2.GetAsync($"{Base}/instances/{id}");
        var final = await done.Content.ReadFromJsonAsync<JsonElement>();
        final.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", final.ToString());
        final.GetProperty("output").GetString().ShouldBe("v1:22");
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("7071", null, false)]
    [InlineData(null, "false", false)]
    [InlineData("7071", "true", true)]
    public async Task SingleWriter_StandaloneOrCustomHandler_DecidesWhetherInstanceRowsAreCached(string? customHandlerPort, string? singleWriter, bool cached)
    {
        var settings = TableSettings(azurite.ConnectionString, UniqueHub());
        settings["FUNCTIONS_CUSTOMHANDLER_PORT"] = customHandlerPort;
        settings["Dispatch:Storage:SingleWriter"] = singleWriter;
        await using var factory = new DispatchAppFactory(settings);

        var backend = factory.Services.GetRequiredService<IOrchestrationBackend>().ShouldBeOfType<TableOrchestrationBackend>();

        backend.Options.CacheInstanceRows.ShouldBe(cached);
    }

    [Fact]
    public async Task GetHealth_StorageAnswers_ReturnsOkWithStorageOk()
    {
        await using var factory = new DispatchAppFactory(TableSettings(azurite.ConnectionString, UniqueHub()));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<HealthReport>();
        report.ShouldNotBeNull();
        report.Status.ShouldBe("ok");
        report.Storage.ShouldBe("ok");
        report.Version.ShouldStartWith("0.1.0");
    }

    [Fact]
    public async Task GetHealth_StorageOnClosedPort_HostStartsAndReturns503Unreachable()
    {
        // The engine's tables are created in the background, so storage that refuses connections no longer
        // stops the start: the host answers and its health says what is wrong.
        var closed = AzuriteInstance.AccountName;
        var connection = $"DefaultEndpointsProtocol=http;AccountName={closed};AccountKey={AzuriteInstance.AccountKey};TableEndpoint=http://127.0.0.1:{ClosedPort()}/{closed};";
        await using var factory = new DispatchAppFactory(TableSettings(connection, UniqueHub()));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("storage").GetString().ShouldBe("unreachable");
        problem.GetProperty("version").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Reads_SingleWriterHost_AnsweredFromMemoryWithoutStorageRequests()
    {
        await using var factory = new DispatchAppFactory(TableSettings(azurite.ConnectionString, UniqueHub()));
        using var hr = factory.CreateClient(DispatchAppFactory.HrKey);
        using var admin = factory.CreateClient(DispatchAppFactory.AdminKey);
        (await hr.PostAsync("/api/rounds", Json("""{"id":"r2023","name":"2023年第一书记轮换","region":"蓬江区","startsOn":"2023-07-01","termMonths":24}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村","township":"荷塘镇","kind":"village","categories":["formerly_poor_village"],"needs":["roads"]}]"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await hr.PostAsync("/api/assignments", Json("""{"roundId":"r2023","villageId":"v01"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var backend = factory.Services.GetRequiredService<IOrchestrationBackend>();
        var assignments = factory.Services.GetRequiredService<Dispatch.Workflow.Lifecycle.AssignmentService>();
        var before = backend.StorageRequestCount + assignments.StorageRequests;

        using var details = await hr.GetAsync("/api/assignments/r2023.v01");
        using var status = await admin.GetAsync($"{Base}/instances/r2023.v01");
        using var list = await hr.GetAsync("/api/assignments?roundId=r2023");

        details.StatusCode.ShouldBe(HttpStatusCode.OK, await details.Content.ReadAsStringAsync());
        status.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await details.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignment").GetProperty("villageName").GetString().ShouldBe("荷塘村");
        // The list's lookup query is the one read left on storage.
        (backend.StorageRequestCount + assignments.StorageRequests - before).ShouldBe(1);
    }

    [Fact]
    public async Task StartAssignment_FirstRequestsOnFreshHub_TablesCreatedAndInstanceStored()
    {
        var hub = UniqueHub();
        await using var factory = new DispatchAppFactory(TableSettings(azurite.ConnectionString, hub));
        using var hr = factory.CreateClient(DispatchAppFactory.HrKey);
        using var admin = factory.CreateClient(DispatchAppFactory.AdminKey);

        using var round = await hr.PostAsync("/api/rounds", Json("""{"id":"r2023","name":"2023年第一书记轮换","region":"蓬江区","startsOn":"2023-07-01","termMonths":24}"""));
        using var village = await hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村","township":"荷塘镇","kind":"village","categories":["formerly_poor_village"],"needs":["roads"]}]"""));
        using var started = await hr.PostAsync("/api/assignments", Json("""{"roundId":"r2023","villageId":"v01"}"""));
        using var status = await admin.GetAsync($"{Base}/instances/r2023.v01");

        round.StatusCode.ShouldBe(HttpStatusCode.OK, await round.Content.ReadAsStringAsync());
        village.StatusCode.ShouldBe(HttpStatusCode.OK, await village.Content.ReadAsStringAsync());
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        status.StatusCode.ShouldBeOneOf([HttpStatusCode.OK, HttpStatusCode.Accepted], await status.Content.ReadAsStringAsync());
        var tables = new List<string>();
        await foreach (var table in new Dispatch.Tables.TableServiceClient(azurite.ConnectionString).QueryTablesAsync($"TableName ge '{hub}' and TableName lt '{hub}~'"))
        {
            tables.Add(table.Name);
        }

        tables.ShouldContain(hub + "Instances");
        tables.ShouldContain(hub + "Index");
        tables.ShouldContain(hub + "Lookup");
    }

    internal static Dictionary<string, string?> TableSettings(string connectionString, string hub) => new()
    {
        ["Dispatch:Storage:Mode"] = "TableStorage",
        ["Dispatch:Storage:ConnectionString"] = connectionString,
        ["Dispatch:TaskHub"] = hub,
    };

    internal static string UniqueHub() => "h" + Guid.NewGuid().ToString("N")[..16];

    private static StringContent Json(string text) => new(text, System.Text.Encoding.UTF8, "application/json");

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RegisterSleeper(DispatchAppFactory factory) =>
        factory.Services.GetRequiredService<DurableTaskRegistry>().AddOrchestratorFunc<string, string>("SleepThenAnswer", async (context, input) =>
        {
            await context.CreateTimer(context.CurrentUtcDateTime.AddDays(10), CancellationToken.None);
            var answer = await context.WaitForExternalEvent<JsonElement>("Answer");
            return $"{input}:{answer.GetProperty("days").GetInt32()}";
        });
}
