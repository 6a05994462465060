namespace Dispatch.Workflow.Domain;

/// <summary>
/// Field-level validation errors (field name → messages), in the shape ASP.NET Core's
/// <c>ValidationProblem</c> expects, so the host turns them into RFC 7807 ProblemDetails unchanged.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>Gets a value indicating whether no error was recorded.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Gets the number of fields with at least one error.</summary>
    public int Count => _errors.Count;

    /// <summary>Gets the fields that have errors, in the order first reported.</summary>
    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>Records one message against <paramref name="field"/>.</summary>
    /// <param name="field">The JSON name of the field (e.g. <c>birthDate</c> or <c>skills[2]</c>).</param>
    /// <param name="message">What is wrong, in words a user understands.</param>
    public void Add(string field, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(field);
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    /// <summary>Copies every error of <paramref name="other"/>, prefixing its field names.</summary>
    /// <param name="prefix">Prefix such as <c>[3].</c>; empty for none.</param>
    /// <param name="other">The errors to copy.</param>
    public void AddAll(string prefix, ValidationErrors other)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (field, messages) in other._errors)
        {
            foreach (var message in messages)
            {
                Add(prefix + field, message);
            }
        }
    }

    /// <summary>Returns the messages recorded for <paramref name="field"/> (empty when none).</summary>
    public IReadOnlyList<string> For(string field) =>
        _errors.TryGetValue(field, out var list) ? list : [];

    /// <summary>Returns the errors as the dictionary <c>Results.ValidationProblem</c> takes.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>Throws <see cref="ValidationFailedException"/> when any error was recorded.</summary>
    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw new ValidationFailedException(this);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}
