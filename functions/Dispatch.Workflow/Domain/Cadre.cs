namespace Dispatch.Workflow.Domain;

/// <summary>A cadre (干部) who may be dispatched as first secretary.</summary>
public sealed record Cadre
{
    /// <summary>Gets the cadre id.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the email address notices go to.</summary>
    public required string Email { get; init; }

    /// <summary>Gets the phone number, when known.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets the dispatching unit's id.</summary>
    public required string Unit { get; init; }

    /// <summary>Gets the unit's level, when known.</summary>
    public UnitLevel? UnitLevel { get; init; }

    /// <summary>Gets a value indicating whether the cadre is a CPC member (a hard requirement, R1.13).</summary>
    public bool PartyMember { get; init; }

    /// <summary>Gets the birth date (age limit from policy).</summary>
    public required DateOnly BirthDate { get; init; }

    /// <summary>Gets the day the cadre started working (≥ 2 years required, R1.12).</summary>
    public required DateOnly WorkStartDate { get; init; }

    /// <summary>Gets the education, e.g. <c>本科</c>.</summary>
    public string? Education { get; init; }

    /// <summary>Gets the rank, e.g. <c>副科级</c>.</summary>
    public string? Rank { get; init; }

    /// <summary>Gets skill tags matched against village needs.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>Gets the township of household registration (回避 warning when it is the village's).</summary>
    public string? HomeTownship { get; init; }

    /// <summary>Gets the years of rural work experience.</summary>
    public int? RuralExperienceYears { get; init; }

    /// <summary>Gets a value indicating whether the cadre is physically able to serve; true unless stated.</summary>
    public bool HealthFit { get; init; } = true;

    /// <summary>Returns the age in whole years on <paramref name="day"/>.</summary>
    public int AgeOn(DateOnly day) => WholeYears(BirthDate, day);

    /// <summary>Returns the whole years worked by <paramref name="day"/>.</summary>
    public int WorkYearsOn(DateOnly day) => WholeYears(WorkStartDate, day);

    /// <summary>Checks every field and returns the errors by JSON field name.</summary>
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        DomainRules.Id(errors, "id", Id);
        DomainRules.Text(errors, "name", Name, 100);
        DomainRules.Email(errors, "email", Email);
        if (Phone is not null && (Phone.Length > 32 || !Phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ')))
        {
            errors.Add("phone", "must be digits, '+', '-' or spaces, at most 32 characters");
        }

        DomainRules.Id(errors, "unit", Unit);
        if (UnitLevel is { } level && !Enum.IsDefined(level))
        {
            errors.Add("unitLevel", "must be 'city', 'county' or 'township'");
        }

        if (BirthDate == default)
        {
            errors.Add("birthDate", "is required (yyyy-MM-dd)");
        }
        else if (BirthDate.Year < 1900)
        {
            errors.Add("birthDate", "must be after 1900-01-01");
        }

        if (WorkStartDate == default)
        {
            errors.Add("workStartDate", "is required (yyyy-MM-dd)");
        }
        else if (BirthDate != default && WorkStartDate < BirthDate.AddYears(14))
        {
            errors.Add("workStartDate", "must be at least 14 years after birthDate");
        }

        if (Education is { Length: > 50 })
        {
            errors.Add("education", "must be at most 50 characters");
        }

        if (Rank is { Length: > 50 })
        {
            errors.Add("rank", "must be at most 50 characters");
        }

        DomainRules.Tags(errors, "skills", Skills);
        if (HomeTownship is { Length: > 100 })
        {
            errors.Add("homeTownship", "must be at most 100 characters");
        }

        if (RuralExperienceYears is < 0 or > 60)
        {
            errors.Add("ruralExperienceYears", "must be between 0 and 60");
        }

        return errors;
    }

    private static int WholeYears(DateOnly from, DateOnly to)
    {
        var years = to.Year - from.Year;
        if (to < from.AddYears(years))
        {
            years--;
        }

        return years;
    }
}
