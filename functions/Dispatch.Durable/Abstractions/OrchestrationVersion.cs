namespace Dispatch.Durable;

/// <summary>Compares orchestration versions the way Durable Functions does.</summary>
public static class OrchestrationVersion
{
    /// <summary>
    /// Compares two versions: empty equals empty and is older than any defined version; when both parse as
    /// <see cref="Version"/> they compare numerically, otherwise case-insensitively as text.
    /// </summary>
    public static int Compare(string? left, string? right)
    {
        var leftEmpty = string.IsNullOrEmpty(left);
        var rightEmpty = string.IsNullOrEmpty(right);
        if (leftEmpty || rightEmpty)
        {
            return leftEmpty == rightEmpty ? 0 : leftEmpty ? -1 : 1;
        }

        if (System.Version.TryParse(left, out var l) && System.Version.TryParse(right, out var r))
        {
            return l.CompareTo(r);
        }

        return string.Compare(left, right, StringComparison.OrdinalIgnoreCase);
    }
}
