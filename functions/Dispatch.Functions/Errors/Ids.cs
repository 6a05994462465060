namespace Dispatch.Functions.Errors;

/// <summary>
/// The shape of every id the API accepts (rounds, villages, cadres, assignments, instances): 1 to 100
/// characters from letters, digits, '-', '_', '.' and ':' — safe as a Table Storage key and in a URL.
/// </summary>
internal static class Ids
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 100;

    /// <summary>Gets a value indicating whether <paramref name="value"/> is a valid id.</summary>
    public static bool IsValid(string? value) =>
        value is { Length: > 0 and <= MaxLength } && value.All(IsIdChar) && value[0] != '.';

    /// <summary>Explains why <paramref name="value"/> is not an id, or returns null when it is one.</summary>
    public static string? Problem(string? value) => value switch
    {
        null or "" => "The id is required.",
        { Length: > MaxLength } => $"An id has at most {MaxLength} characters; this one has {value.Length}.",
        _ when value[0] == '.' => "An id cannot start with '.'.",
        _ when !value.All(IsIdChar) => "An id may contain only letters A-Z and a-z, digits, '-', '_', '.' and ':'.",
        _ => null,
    };

    /// <summary>Throws a field error naming <paramref name="field"/> when <paramref name="value"/> is not an id.</summary>
    public static string Require(string? value, string field)
    {
        var problem = Problem(value);
        return problem is null ? value! : throw new RequestValidationException(field, problem);
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':';
}
