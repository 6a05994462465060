using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Hosting;

/// <summary>
/// The demonstration round loaded by <c>Dispatch:Demo:Seed=true</c>: Pengjiang district (江门市蓬江区), July
/// 2023, 12 posts from city, district and town organs (seed-000). The three communities are the ones the
/// article names; the other villages, the cadres and their addresses are invented for the demonstration.
/// </summary>
internal static class DemoRound
{
    /// <summary>The round's id.</summary>
    public const string RoundId = "demo-pengjiang-2023";

    /// <summary>Gets the round.</summary>
    public static Round Round { get; } = new()
    {
        Id = RoundId,
        Name = "蓬江区2023年驻村第一书记轮换（演示）",
        Region = "江门市蓬江区",
        StartsOn = new DateOnly(2023, 7, 1),
    };

    /// <summary>Gets the dispatching units.</summary>
    public static IReadOnlyList<DispatchingUnit> Units { get; } =
    [
        new() { Id = "demo-unit-edu", Name = "蓬江区教育局", Level = UnitLevel.County, Sector = "education" },
        new() { Id = "demo-unit-agri", Name = "蓬江区农业农村局", Level = UnitLevel.County, Sector = "agriculture" },
        new() { Id = "demo-unit-health", Name = "蓬江区卫生健康局", Level = UnitLevel.County, Sector = "health" },
        new() { Id = "demo-unit-union", Name = "江门市总工会", Level = UnitLevel.City, Sector = "governance" },
    ];

    /// <summary>Gets the 12 posts.</summary>
    public static IReadOnlyList<Village> Villages { get; } =
    [
        Post(1, "石冲社区", "环市街道", VillageKind.Community, "governance"),
        Post(2, "象山社区", "环市街道", VillageKind.Community, "governance"),
        Post(3, "富冈社区", "潮连街道", VillageKind.Community, "industry"),
        Post(4, "荷塘村", "荷塘镇", VillageKind.Village, "industry"),
        Post(5, "良村", "荷塘镇", VillageKind.Village, "agriculture"),
        Post(6, "篁湾村", "荷塘镇", VillageKind.Village, "education"),
        Post(7, "杜阮村", "杜阮镇", VillageKind.Village, "agriculture"),
        Post(8, "龙榜村", "杜阮镇", VillageKind.Village, "health"),
        Post(9, "棠下村", "棠下镇", VillageKind.Village, "industry"),
        Post(10, "石头村", "棠下镇", VillageKind.Village, "governance"),
        Post(11, "周郡村", "棠下镇", VillageKind.Village, "health"),
        Post(12, "三堡村", "棠下镇", VillageKind.Village, "education"),
    ];

    /// <summary>Gets the 12 cadres.</summary>
    public static IReadOnlyList<Cadre> Cadres { get; } =
    [
        Person(1, "陈志强", "demo-unit-edu", "education"),
        Person(2, "李晓梅", "demo-unit-edu", "governance"),
        Person(3, "黄伟明", "demo-unit-agri", "agriculture"),
        Person(4, "梁嘉欣", "demo-unit-agri", "industry"),
        Person(5, "吴国华", "demo-unit-agri", "agriculture"),
        Person(6, "何丽娟", "demo-unit-health", "health"),
        Person(7, "张建军", "demo-unit-health", "health"),
        Person(8, "林美玲", "demo-unit-union", "governance"),
        Person(9, "周文斌", "demo-unit-union", "industry"),
        Person(10, "谭永康", "demo-unit-edu", "education"),
        Person(11, "区少芬", "demo-unit-agri", "industry"),
        Person(12, "冯家豪", "demo-unit-union", "governance"),
    ];

    private static Village Post(int n, string name, string township, VillageKind kind, string need) => new()
    {
        Id = $"demo-v{n:00}",
        Name = name,
        Township = township,
        Kind = kind,
        Categories = [VillageCategories.OtherVillage],
        Needs = [need],
    };

    private static Cadre Person(int n, string name, string unit, string skill) => new()
    {
        Id = $"demo-c{n:00}",
        Name = name,
        Email = $"demo-c{n:00}@example.org",
        Unit = unit,
        UnitLevel = unit == "demo-unit-union" ? UnitLevel.City : UnitLevel.County,
        PartyMember = true,
        BirthDate = new DateOnly(1980 + n, 3, n),
        WorkStartDate = new DateOnly(2004 + n, 7, 1),
        Rank = "科员",
        Skills = [skill],
        RuralExperienceYears = n % 4,
    };
}
