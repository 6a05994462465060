namespace Dispatch.Workflow.Domain;

/// <summary>A dispatch round (轮次): the posts of one region that start their terms together.</summary>
public sealed record Round
{
    /// <summary>Gets the round id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the display name, e.g. <c>蓬江区2023年第一书记轮换</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the region (county or district) that runs the round.</summary>
    public required string Region { get; init; }

    /// <summary>Gets the day the terms start (rounds differ by locality, domain.md R6.1).</summary>
    public required DateOnly StartsOn { get; init; }

    /// <summary>Gets the term length in months; 24 by default (national ≥ 2 years, R2.3).</summary>
    public int TermMonths { get; init; } = 24;

    /// <summary>Checks every field and returns the errors by JSON field name.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        DomainRules.Id(errors, "id", Id);
        DomainRules.Text(errors, "name", Name, 200);
        DomainRules.Text(errors, "region", Region, 100);
        if (StartsOn == default)
        {
            errors.Add("startsOn", "is required (yyyy-MM-dd)");
        }

        if (TermMonths is < 1 or > 120)
        {
            errors.Add("termMonths", "must be between 1 and 120");
        }

        return errors;
    }
}
