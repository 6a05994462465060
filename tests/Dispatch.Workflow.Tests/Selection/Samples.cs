using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Tests.Selection;

internal static class Samples
{
    public static readonly DateOnly RoundStart = new(2026, 7, 1);

    public static Village Village(string id, string township = "棠下镇", params string[] needs) => new()
    {
        Id = id,
        Name = id + "村",
        Township = township,
        Needs = needs,
        Categories = [VillageCategories.FormerlyPoorVillage],
    };

    public static Cadre Cadre(string id, params string[] skills) => new()
    {
        Id = id,
        Name = id,
        Email = id + "@example.org",
        Unit = "water",
        UnitLevel = UnitLevel.County,
        PartyMember = true,
        BirthDate = new DateOnly(1990, 1, 1),
        WorkStartDate = new DateOnly(2014, 7, 1),
        Skills = skills,
    };
}
