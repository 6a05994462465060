namespace Dispatch.Workflow.Import;

/// <summary>
/// The outcome of parsing a CSV file: either every row (when <see cref="Errors"/> is empty) or every
/// error and no rows, so a caller can never import half a file.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CsvImportResult<T>
{
    internal CsvImportResult(IReadOnlyList<T> items, IReadOnlyList<CsvRowError> errors)
    {
        Items = errors.Count == 0 ? items : [];
        Errors = errors;
    }

    /// <summary>Gets the parsed records; empty when any row was bad.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>Gets every error, in file order.</summary>
    public IReadOnlyList<CsvRowError> Errors { get; }

    /// <summary>Gets a value indicating whether the whole file parsed.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>Returns the errors keyed like ProblemDetails field errors: <c>line 3: birthDate</c>.</summary>
    public IDictionary<string, string[]> ToDictionary() =>
        Errors.GroupBy(e => $"line {e.Line}: {e.Field}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal);
}
