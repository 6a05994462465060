using Dispatch.Tables;
using Dispatch.Testing;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Tests.Storage;

/// <summary>The repository over Table Storage, plain and through the in-memory mirror (and in memory where it applies).</summary>
public sealed class TableRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    public const string Tables = "tables";
    public const string Mirror = "mirror";
    public const string Memory = "memory";

    private WorkflowRepository NewRepository(string store)
    {
        if (store == Memory)
        {
            return new WorkflowRepository(new InMemoryDocumentStore());
        }

        var tables = new TableDocumentStore(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueTableName("wf"));
        return new WorkflowRepository(store == Mirror ? new MirroredDocumentStore(tables) : tables);
    }

    [Theory]
    [InlineData(Tables)]
    [InlineData(Mirror)]
    [InlineData(Memory)]
    public async Task ListCheckInsOfAssignment_RoundHoldsOthersWithSharedIdPrefix_ReturnsOnlyThatAssignmentsInOrder(string store)
    {
        var repository = NewRepository(store);
        foreach (var (assignment, period) in new[] { ("r1.v1", "2026-02"), ("r1.v10", "2026-01"), ("r1.v1", "2026-01"), ("r1.v1.2", "2026-03"), ("r1.v2", "2026-01") })
        {
            await repository.CreateCheckInAsync(new CheckInRecord { Id = assignment + "|" + period, AssignmentId = assignment, RoundId = "r1", Period = period });
        }

        await repository.CreateCheckInAsync(new CheckInRecord { Id = "r1.v1|2026-01", AssignmentId = "r1.v1", RoundId = "r2", Period = "2026-01" });

        var found = await repository.ListCheckInsAsync("r1", "r1.v1");

        found.Select(c => c.Id).ShouldBe(["r1.v1|2026-01", "r1.v1|2026-02"]);
        (await repository.ListCheckInsAsync("r1", "r1.v9")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Tables)]
    [InlineData(Mirror)]
    public async Task TryReserve_TwoAssignmentsAtOnce_ExactlyOneWins(string store)
    {
        var repository = NewRepository(store);
        var now = DateTimeOffset.UnixEpoch;

        for (var round = 0; round < 5; round++)
        {
            var cadre = "c" + round;
            var results = await Task.WhenAll(
                Task.Run(() => repository.TryReserveAsync(cadre, "r1.v1", now)),
                Task.Run(() => repository.TryReserveAsync(cadre, "r1.v2", now)));

            results.Count(r => r.Succeeded).ShouldBe(1);
            var loser = results.Single(r => !r.Succeeded);
            loser.HeldBy.ShouldBe(results[0].Succeeded ? "r1.v1" : "r1.v2");
        }
    }

    [Theory]
    [InlineData(Tables)]
    [InlineData(Mirror)]
    public async Task Reservation_RepeatTransferRelease_FollowsHolder(string store)
    {
        var repository = NewRepository(store);
        var now = DateTimeOffset.UnixEpoch;

        (await repository.TryReserveAsync("c1", "r1.v1", now)).Succeeded.ShouldBeTrue();
        (await repository.TryReserveAsync("c1", "r1.v1", now)).Succeeded.ShouldBeTrue();
        (await repository.TransferReservationAsync("c1", "r1.v9", "r1.v1.2", now)).ShouldBeFalse();
        (await repository.TransferReservationAsync("c1", "r1.v1", "r1.v1.2", now)).ShouldBeTrue();
        await repository.ReleaseAsync("c1", "r1.v1");
        (await repository.GetReservationHolderAsync("c1")).ShouldBe("r1.v1.2");
        await repository.ReleaseAsync("c1", "r1.v1.2");
        (await repository.GetReservationHolderAsync("c1")).ShouldBeNull();
        (await repository.ListReservationsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Tables)]
    [InlineData(Mirror)]
    public async Task Documents_RoundTripLargeAndConcurrentUpdates_NothingLost(string store)
    {
        var repository = NewRepository(store);
        var village = new Village { Id = "v1", Name = "禾冈村", Township = "棠下镇", Needs = ["industry"], Categories = [VillageCategories.WeakPartyOrgVillage] };
        await repository.UpsertVillageAsync(village);
        (await repository.GetVillageAsync("v1")).ShouldNotBeNull().Categories.ShouldBe([VillageCategories.WeakPartyOrgVillage]);

        // Forms of 8,000 characters each push the review past one property's 32K limit.
        var text = new string('述', 8000);
        await Task.WhenAll(Enum.GetValues<ReviewScorer>().Select(scorer => Task.Run(() => repository.UpdateReviewAsync(
            "r1.v1",
            1,
            () => new ReviewRecord { Id = "r1.v1|review-1", AssignmentId = "r1.v1", Sequence = 1 },
            r => r with { Forms = new Dictionary<ReviewScorer, ReviewForm>(r.Forms) { [scorer] = new ReviewForm { Text = text, Score = 90 } } }))));

        var review = (await repository.GetReviewAsync("r1.v1", 1)).ShouldNotBeNull().Value;
        review.Forms.Count.ShouldBe(5);
        review.Forms[ReviewScorer.Unit].Text.ShouldBe(text);
        (await repository.ListReviewsAsync("r1.v1")).ShouldHaveSingleItem();
    }
}
