using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Mail;
using Dispatch.Testing;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Workflow.Tests.Lifecycle;

/// <summary>
/// The lifecycle with the workflow's data on Azurite: with the engine in memory, and as a standalone host
/// runs it (the engine on Table Storage with its instance rows cached, the workflow's tables mirrored).
/// </summary>
public sealed class AzuriteLifecycleTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ShortTerm_OnAzurite_ExtendsThenRecallsWithReplacement(bool singleWriter)
    {
        Func<TimeProvider, IOrchestrationBackend>? engine = singleWriter
            ? time => new TableOrchestrationBackend(new TableOrchestrationBackendOptions
            {
                ConnectionString = azurite.ConnectionString,
                TaskHubName = AzuriteFixture.UniqueTableName("life"),
                TimeProvider = time,
                CacheInstanceRows = true,
            })
            : null;
        await using var h = await WorkflowHarness.StartAsync(engine, azuriteConnectionString: azurite.ConnectionString, mirrorTables: singleWriter);
        await h.SeedAsync();
        (await h.Service.UpsertRoundAsync(new Round { Id = "r1", Name = "短期", Region = "蓬江区", StartsOn = WorkflowHarness.RoundStart, TermMonths = 2 })).IsValid.ShouldBeTrue();
        var people = new ScriptedPeople(h)
        {
            CheckIns = (_, period) => period == "2026-08" ? Reply.Late : Reply.OnTime,
            Decisions = id => id == "r1.v1" ? TermDecision.Extend : null,
        };
        await h.Service.StartAssignmentAsync("r1", "v1");

        await people.RunAsync(async () => (await h.Service.GetAssignmentAsync("r1.v1.2"))?.CheckIns.Count > 0, 200);
        (await h.Service.RecallAsync("r1.v1.2", "身体原因")).Status.ShouldBe(CommandStatus.Accepted);
        await h.RunAsync();

        var first = await h.DetailsAsync("r1.v1");
        first.Assignment.Outcome.ShouldBe(AssignmentOutcome.Extended);
        first.CheckIns.Select(c => c.Status).ShouldBe([CheckInStatus.Answered, CheckInStatus.AnsweredLate]);
        first.Reviews.ShouldHaveSingleItem().Grade.ShouldBe(Grade.Competent);
        var extended = await h.DetailsAsync("r1.v1.2");
        extended.Assignment.Outcome.ShouldBe(AssignmentOutcome.Recalled);
        extended.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Completed);
        (await h.DetailsAsync("r1.v1.3")).Assignment.ReplacesAssignmentId.ShouldBe("r1.v1.2");
        h.Outbox.Sent.ShouldContain(n => n.Kind == NoticeKind.Recall);
        var summary = (await h.Service.GetRoundSummaryAsync("r1")).ShouldNotBeNull();
        summary.ByOutcome["extended"].ShouldBe(1);
        summary.ByOutcome["recalled"].ShouldBe(1);
    }
}
