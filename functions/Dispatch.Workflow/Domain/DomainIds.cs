using System.Text.RegularExpressions;

namespace Dispatch.Workflow.Domain;

/// <summary>Rules shared by every identifier (round, village, cadre, unit) and the assignment id scheme.</summary>
public static partial class DomainIds
{
    /// <summary>The longest identifier accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>
    /// Returns why <paramref name="id"/> is not a valid identifier, or null when it is. Identifiers are
    /// 1–64 characters of ASCII letters, digits, <c>-</c> and <c>_</c>: they become Table Storage keys and
    /// URL segments, and the dot is kept free to join them into assignment ids.
    /// </summary>
    public static string? Problem(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return "is required";
        }

        if (id.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        return IdPattern().IsMatch(id) ? null : "may contain only letters A–Z, digits, '-' and '_'";
    }

    /// <summary>Returns true when <paramref name="id"/> is a valid identifier.</summary>
    public static bool IsValid(string? id) => Problem(id) is null;

    /// <summary>
    /// The assignment (and orchestration instance) id of a village's slot in a round: generation 1 is the
    /// first secretary of the round; replacements, extensions and successors take the next generation.
    /// </summary>
    public static string AssignmentId(string roundId, string villageId, int generation = 1)
    {
        ThrowIfInvalid(roundId);
        ThrowIfInvalid(villageId);
        ArgumentOutOfRangeException.ThrowIfLessThan(generation, 1);
        return generation == 1 ? $"{roundId}.{villageId}" : $"{roundId}.{villageId}.{generation}";
    }

    /// <summary>Splits an assignment id into round, village and generation; false when it is not one.</summary>
    public static bool TryParseAssignmentId(string? assignmentId, out string roundId, out string villageId, out int generation)
    {
        roundId = villageId = string.Empty;
        generation = 0;
        if (string.IsNullOrEmpty(assignmentId))
        {
            return false;
        }

        var parts = assignmentId.Split('.');
        if (parts.Length is < 2 or > 3 || !IsValid(parts[0]) || !IsValid(parts[1]))
        {
            return false;
        }

        var gen = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out gen) || gen < 2))
        {
            return false;
        }

        roundId = parts[0];
        villageId = parts[1];
        generation = gen;
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad value when <paramref name="id"/> is invalid.</summary>
    public static void ThrowIfInvalid(string? id, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? paramName = null)
    {
        var problem = Problem(id);
        if (problem is not null)
        {
            throw new ArgumentException($"Identifier '{id}' {problem}.", paramName);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
