using System.Text;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Client-side checks of the documented service limits, so a bad entity fails with an
/// <see cref="ArgumentException"/> naming the offending value before anything is sent.
/// </summary>
internal static class TableValidation
{
    public const int MaxKeyLength = 1024;
    public const int MaxStringLength = 32 * 1024;
    public const int MaxBinaryLength = 64 * 1024;
    public const int MaxCustomProperties = 252;
    public const int MaxPropertyNameLength = 255;
    public const long MaxEntitySize = 1024 * 1024;
    public const int MaxTransactionActions = 100;

    /// <summary>Checks a PartitionKey or RowKey value: length and the characters the service refuses.</summary>
    public static void ValidateKey(string? key, string what, string paramName)
    {
        if (key is null)
        {
            throw new ArgumentNullException(paramName, $"The {what} is null.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"The {what} '{Display(key)}' is {key.Length} characters long; at most {MaxKeyLength} are allowed.", paramName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || c <= '\u001f' || c is >= '\u007f' and <= '\u009f')
            {
                throw new ArgumentException($"The {what} '{Display(key)}' contains '{Display(c.ToString())}', which keys may not contain (/ \\ # ? and control characters).", paramName);
            }
        }
    }

    /// <summary>Checks a table name: 3 to 63 letters and digits, starting with a letter, not "tables".</summary>
    public static void ValidateTableName(string? name, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        var ok = name.Length is >= 3 and <= 63 && char.IsAsciiLetter(name[0]);
        for (var i = 1; ok && i < name.Length; i++)
        {
            ok = char.IsAsciiLetterOrDigit(name[i]);
        }

        if (!ok)
        {
            throw new ArgumentException($"The table name '{Display(name)}' is invalid: use 3 to 63 ASCII letters and digits, starting with a letter.", paramName);
        }

        if (name.Equals("tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("The table name 'tables' is reserved.", paramName);
        }
    }

    /// <summary>Checks a custom property name (system properties are written separately).</summary>
    public static void ValidatePropertyName(string name)
    {
        if (name.Length == 0 || name.Length > MaxPropertyNameLength)
        {
            throw new ArgumentException($"The property name '{Display(name)}' must be 1 to {MaxPropertyNameLength} characters long.", "entity");
        }
    }

    /// <summary>Shows a value in a message: control characters escaped, long values cut.</summary>
    public static string Display(string value)
    {
        var sb = new StringBuilder(Math.Min(value.Length, 80) + 8);
        foreach (var c in value)
        {
            if (sb.Length >= 80)
            {
                sb.Append('…');
                break;
            }

            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
