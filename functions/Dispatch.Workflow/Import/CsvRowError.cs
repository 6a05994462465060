namespace Dispatch.Workflow.Import;

/// <summary>One problem in an imported CSV file.</summary>
/// <param name="Line">The 1-based line of the file (the header is line 1).</param>
/// <param name="Field">The column (JSON name) at fault, or <c>(row)</c> for the row as a whole.</param>
/// <param name="Message">What is wrong.</param>
public sealed record CsvRowError(int Line, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"line {Line}, {Field}: {Message}";
}
