using System.Globalization;

namespace Dispatch.Bench;

/// <summary>Prints figures as <c>BENCH &lt;name&gt; &lt;value&gt; &lt;unit&gt;</c>, one a line, the form tools read.</summary>
public sealed class BenchReport(TextWriter output)
{
    private readonly List<(string Name, double Value, string Unit)> _figures = [];

    /// <summary>Gets every figure reported so far.</summary>
    public IReadOnlyList<(string Name, double Value, string Unit)> Figures => _figures;

    /// <summary>Reports one figure.</summary>
    public void Figure(string name, double value, string unit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Any(char.IsWhiteSpace) || unit.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"Figure names and units carry no spaces: '{name}' '{unit}'.", nameof(name));
        }

        _figures.Add((name, value, unit));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"BENCH {name} {Format(value)} {unit}"));
        output.Flush();
    }

    /// <summary>Prints a human note (not a figure) to standard error.</summary>
    public static void Note(string text) => Console.Error.WriteLine(text);

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);
}
