namespace Dispatch.Workflow.Domain;

/// <summary>Field checks shared by the domain records.</summary>
internal static class DomainRules
{
    public const int MaxTags = 50;
    public const int MaxTagLength = 40;

    public static void Id(ValidationErrors errors, string field, string? value)
    {
        var problem = DomainIds.Problem(value);
        if (problem is not null)
        {
            errors.Add(field, problem);
        }
    }

    public static void Text(ValidationErrors errors, string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
        }
        else if (value.Length > maxLength)
        {
            errors.Add(field, $"must be at most {maxLength} characters");
        }
    }

    public static void Email(ValidationErrors errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "is required");
            return;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (value.Length > 254 || at <= 0 || at != value.LastIndexOf('@') || at == value.Length - 1
            || value.Any(char.IsWhiteSpace) || !value[(at + 1)..].Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"'{value}' is not an email address");
        }
    }

    public static void Tags(ValidationErrors errors, string field, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            errors.Add(field, $"must have at most {MaxTags} entries");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            var tag = tags[i];
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength || tag.Contains(';', StringComparison.Ordinal))
            {
                errors.Add($"{field}[{i}]", $"must be 1–{MaxTagLength} characters without ';'");
            }
        }
    }
}
