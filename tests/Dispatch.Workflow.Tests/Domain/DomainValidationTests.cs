using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Tests.Domain;

public sealed class DomainValidationTests
{
    [Fact]
    public void Validate_BadCadre_ListsEveryFieldError()
    {
        var cadre = new Cadre
        {
            Id = "c 1",
            Name = "",
            Email = "nobody",
            Unit = "water",
            BirthDate = new DateOnly(2000, 1, 1),
            WorkStartDate = new DateOnly(2005, 1, 1),
            RuralExperienceYears = -1,
            Skills = ["ok", "bad;tag"],
        };

        var errors = cadre.Validate();

        errors.Fields.ShouldBe(["id", "name", "email", "workStartDate", "skills[1]", "ruralExperienceYears"], ignoreOrder: true);
        errors.ToDictionary()["email"].ShouldHaveSingleItem().ShouldContain("nobody");
    }

    [Fact]
    public void Validate_BadVillageAndRound_ReportFields()
    {
        new Village { Id = "v1", Name = "村", Township = "镇", Categories = ["rich"] }.Validate().Fields.ShouldBe(["categories[0]"]);
        new Round { Id = "r1", Name = "n", Region = "r", StartsOn = default, TermMonths = 0 }.Validate().Fields.ShouldBe(["startsOn", "termMonths"]);
    }

    [Theory]
    [InlineData("r1", "v1", 1, "r1.v1")]
    [InlineData("r1", "v1", 3, "r1.v1.3")]
    public void AssignmentId_RoundTrips(string round, string village, int generation, string expected)
    {
        var id = DomainIds.AssignmentId(round, village, generation);

        id.ShouldBe(expected);
        DomainIds.TryParseAssignmentId(id, out var r, out var v, out var g).ShouldBeTrue();
        (r, v, g).ShouldBe((round, village, generation));
    }

    [Fact]
    public void AssignmentId_BadParts_Rejected()
    {
        Should.Throw<ArgumentException>(() => DomainIds.AssignmentId("r.1", "v1")).Message.ShouldContain("r.1");
        DomainIds.TryParseAssignmentId("r1.v1.1", out _, out _, out _).ShouldBeFalse();
        DomainIds.TryParseAssignmentId("r1", out _, out _, out _).ShouldBeFalse();
    }

    [Fact]
    public void Cadre_AgeAndWorkYears_CountWholeYears()
    {
        var cadre = new Cadre { Id = "c", Name = "n", Email = "a@b.cn", Unit = "u", BirthDate = new DateOnly(1990, 7, 2), WorkStartDate = new DateOnly(2024, 7, 2) };

        cadre.AgeOn(new DateOnly(2026, 7, 1)).ShouldBe(35);
        cadre.WorkYearsOn(new DateOnly(2026, 7, 1)).ShouldBe(1);
        cadre.WorkYearsOn(new DateOnly(2026, 7, 2)).ShouldBe(2);
    }
}
