namespace Dispatch.Workflow.Domain;

/// <summary>The 2021 village categories (domain.md §1.2, national) as the ids used in JSON and CSV.</summary>
public static class VillageCategories
{
    /// <summary>脱贫村: formerly poor village; first secretary and work team continued.</summary>
    public const string FormerlyPoorVillage = "formerly_poor_village";

    /// <summary>易地扶贫搬迁安置村(社区): relocation resettlement village or community.</summary>
    public const string RelocationResettlementVillage = "relocation_resettlement_village";

    /// <summary>乡村振兴重点帮扶县的脱贫村: formerly poor village in a key assistance county (priority).</summary>
    public const string KeyAssistanceCountyVillage = "key_assistance_county_village";

    /// <summary>巩固任务较轻的脱贫村: flag for a formerly poor village with a light consolidation task.</summary>
    public const string LightConsolidationTask = "light_consolidation_task";

    /// <summary>乡村振兴任务重的村: village with a heavy revitalization task (e.g. demonstration village).</summary>
    public const string HeavyRevitalizationVillage = "heavy_revitalization_village";

    /// <summary>党组织软弱涣散村: village whose party organization is weak and lax (covered everywhere).</summary>
    public const string WeakPartyOrgVillage = "weak_party_org_village";

    /// <summary>Other villages, at local discretion.</summary>
    public const string OtherVillage = "other_village";

    /// <summary>Gets every known category id.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        FormerlyPoorVillage, RelocationResettlementVillage, KeyAssistanceCountyVillage, LightConsolidationTask,
        HeavyRevitalizationVillage, WeakPartyOrgVillage, OtherVillage,
    };
}
