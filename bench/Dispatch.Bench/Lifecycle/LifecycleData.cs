using Dispatch.Workflow.Domain;

namespace Dispatch.Bench.Lifecycle;

/// <summary>Deterministic synthetic rounds for the lifecycle bench.</summary>
internal static class LifecycleData
{
    private static readonly string[] Tags =
    [
        "industry", "water", "roads", "health", "education", "governance", "party", "elderly", "tourism", "ecommerce",
        "agriculture", "finance", "legal", "housing", "culture",
    ];

    private static readonly string[] Townships = ["棠下镇", "荷塘镇", "杜阮镇", "环市街道", "潮连街道", "白沙街道", "北街街道"];

    public static List<Village> Villages(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Village
        {
            Id = $"v{i:D5}",
            Name = $"第{i}村",
            Township = Townships[random.Next(Townships.Length)],
            Kind = random.Next(10) == 0 ? VillageKind.Community : VillageKind.Village,
            Categories = [VillageCategories.FormerlyPoorVillage],
            Needs = Pick(random, 1 + random.Next(4)),
        }).ToList();
    }

    public static List<Cadre> Cadres(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new Cadre
        {
            Id = $"c{i:D5}",
            Name = $"干部{i}",
            Email = $"c{i:D5}@example.org",
            Unit = $"u{random.Next(60):D2}",
            UnitLevel = (UnitLevel)random.Next(3),
            PartyMember = random.Next(20) != 0,
            BirthDate = new DateOnly(1972 + random.Next(30), 1 + random.Next(12), 1 + random.Next(28)),
            WorkStartDate = new DateOnly(2000 + random.Next(26), 1 + random.Next(12), 1),
            Skills = Pick(random, random.Next(5)),
            HomeTownship = random.Next(5) == 0 ? Townships[random.Next(Townships.Length)] : null,
            RuralExperienceYears = random.Next(8),
        }).ToList();
    }

    private static string[] Pick(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => Tags[random.Next(Tags.Length)]).Distinct(StringComparer.Ordinal).ToArray();
}
