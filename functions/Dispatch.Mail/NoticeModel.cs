using System.Globalization;

namespace Dispatch.Mail;

/// <summary>
/// Builds a notice model with values in the invariant formats templates parse, e.g.
/// <c>new NoticeModel().Text(NoticeModelKeys.VillageName, "红光村").Date(NoticeModelKeys.DueDate, due).Build()</c>.
/// </summary>
public sealed class NoticeModel
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    /// <summary>Adds a text value (shown as written; HTML-escaped by the renderer).</summary>
    public NoticeModel Text(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value, key);
        return Set(key, value);
    }

    /// <summary>Adds a date, written <c>yyyy-MM-dd</c>.</summary>
    public NoticeModel Date(string key, DateOnly value) => Set(key, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>Adds a point in time, written ISO 8601 with its offset.</summary>
    public NoticeModel DateTime(string key, DateTimeOffset value) => Set(key, value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    /// <summary>Adds a month, written <c>yyyy-MM</c>.</summary>
    public NoticeModel Month(string key, int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Set(key, string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{month:00}"));
    }

    /// <summary>Adds an integer.</summary>
    public NoticeModel Integer(string key, long value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a decimal number (scores, yuan).</summary>
    public NoticeModel Number(string key, decimal value) => Set(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds a code looked up in the template's label table (grade, review kind, reviewer role).</summary>
    public NoticeModel Code(string key, string value) => Text(key, value);

    /// <summary>Returns the values as the dictionary <see cref="Notice.Model"/> takes.</summary>
    public IReadOnlyDictionary<string, string> Build() => new Dictionary<string, string>(_values, StringComparer.Ordinal);

    private NoticeModel Set(string key, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _values[key] = value;
        return this;
    }
}
