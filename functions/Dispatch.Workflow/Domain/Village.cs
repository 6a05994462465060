namespace Dispatch.Workflow.Domain;

/// <summary>A village or community (村/社区) that receives a first secretary.</summary>
public sealed record Village
{
    /// <summary>Gets the village id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the name, e.g. <c>石冲社区</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the township or sub-district (镇/街道) whose party committee manages the post.</summary>
    public required string Township { get; init; }

    /// <summary>Gets whether this is a village or a community.</summary>
    public VillageKind Kind { get; init; } = VillageKind.Village;

    /// <summary>Gets the 2021 category ids (<see cref="VillageCategories"/>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Gets the need tags (e.g. <c>industry</c>, <c>governance</c>) matched against cadres' skills.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Gets the cadre currently serving as first secretary, when there is one (the outgoing secretary).</summary>
    public string? CurrentSecretaryCadreId { get; init; }

    /// <summary>Checks every field and returns the errors by JSON field name.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        DomainRules.Id(errors, "id", Id);
        DomainRules.Text(errors, "name", Name, 200);
        DomainRules.Text(errors, "township", Township, 100);
        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "must be 'village' or 'community'");
        }

        for (var i = 0; i < (Categories?.Count ?? 0); i++)
        {
            if (!VillageCategories.All.Contains(Categories![i]))
            {
                errors.Add($"categories[{i}]", $"'{Categories[i]}' is not a category; use one of {string.Join(", ", VillageCategories.All.Order(StringComparer.Ordinal))}");
            }
        }

        DomainRules.Tags(errors, "needs", Needs);
        if (CurrentSecretaryCadreId is not null)
        {
            DomainRules.Id(errors, "currentSecretaryCadreId", CurrentSecretaryCadreId);
        }

        return errors;
    }
}
