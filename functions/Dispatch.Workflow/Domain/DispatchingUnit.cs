namespace Dispatch.Workflow.Domain;

/// <summary>A dispatching unit (派出单位): the organ, enterprise or institution that sends and backs a cadre.</summary>
public sealed record DispatchingUnit
{
    /// <summary>Gets the unit id (the <c>unit</c> of a cadre).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the unit's name, e.g. <c>区水利局</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the unit's level.</summary>
    public UnitLevel Level { get; init; } = UnitLevel.County;

    /// <summary>Gets the sector tag (e.g. <c>water</c>, <c>health</c>); a sector that matches a village need adds resources.</summary>
    public string? Sector { get; init; }

    /// <summary>Gets the address that receives appointment and review notices for the unit.</summary>
    public string? ContactEmail { get; init; }

    /// <summary>Gets the townships whose villages this unit regulates directly (a 回避 warning, domain.md R1.18).</summary>
    public IReadOnlyList<string> RegulatedTownships { get; init; } = [];

    /// <summary>Checks every field and returns the errors by JSON field name.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        DomainRules.Id(errors, "id", Id);
        DomainRules.Text(errors, "name", Name, 200);
        if (!Enum.IsDefined(Level))
        {
            errors.Add("level", "must be 'city', 'county' or 'township'");
        }

        if (ContactEmail is not null)
        {
            DomainRules.Email(errors, "contactEmail", ContactEmail);
        }

        return errors;
    }
}
