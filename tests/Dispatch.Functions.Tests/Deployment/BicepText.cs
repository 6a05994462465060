using System.Text.RegularExpressions;
using Dispatch.Testing;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>
/// Just enough reading of Bicep text for the structural checks that can run without the Bicep CLI:
/// resource declarations, parameters with their decorators, outputs, and the body of one resource.
/// </summary>
internal sealed partial class BicepText
{
    private BicepText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    public string Path { get; }

    public string Text { get; }

    public static string Folder => System.IO.Path.Combine(RepositoryPaths.RepositoryRoot, "infra", "bicep");

    public static BicepText Load(string relativePath)
    {
        var path = System.IO.Path.Combine(Folder, relativePath);
        return new BicepText(path, File.ReadAllText(path));
    }

    /// <summary>main.bicep and every module.</summary>
    public static IReadOnlyList<BicepText> All() =>
    [
        Load("main.bicep"),
        .. Directory.GetFiles(System.IO.Path.Combine(Folder, "modules"), "*.bicep").Order(StringComparer.Ordinal)
            .Select(p => Load(System.IO.Path.GetRelativePath(Folder, p))),
    ];

    public IEnumerable<BicepResource> Resources() =>
        ResourcePattern().Matches(Text).Select(m => new BicepResource(
            m.Groups["symbol"].Value, m.Groups["type"].Value, m.Groups["version"].Value, m.Groups["existing"].Success, System.IO.Path.GetFileName(Path)));

    public IEnumerable<BicepParameter> Parameters()
    {
        var lines = Text.Split('\n');
        var decorators = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.StartsWith('@'))
            {
                decorators.Add(line);
                continue;
            }

            var match = ParameterPattern().Match(line);
            if (match.Success)
            {
                yield return new BicepParameter(
                    match.Groups["name"].Value,
                    match.Groups["type"].Value,
                    decorators.Any(d => d.StartsWith("@secure()", StringComparison.Ordinal)),
                    match.Groups["default"].Success);
            }

            if (line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith(']') && !IsDecoratorContinuation(line))
            {
                decorators.Clear();
            }
        }
    }

    public IEnumerable<(string Name, string Value)> Outputs() =>
        OutputPattern().Matches(Text).Select(m => (m.Groups["name"].Value, m.Groups["value"].Value.Trim()));

    /// <summary>The text between the braces of the resource declared with <paramref name="symbol"/>.</summary>
    public string Body(string symbol)
    {
        var start = Text.IndexOf($"resource {symbol} ", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{Path} declares no resource '{symbol}'.");
        }

        var open = Text.IndexOf('{', start);
        var depth = 0;
        for (var i = open; i < Text.Length; i++)
        {
            depth += Text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return Text[(open + 1)..i];
            }
        }

        throw new InvalidOperationException($"Unbalanced braces after resource '{symbol}' in {Path}.");
    }

    /// <summary>Top-level <c>name: value</c> pairs of an object body's <c>properties</c> block.</summary>
    public static Dictionary<string, string> Properties(string body)
    {
        var properties = body[(body.IndexOf("properties: {", StringComparison.Ordinal) + "properties: {".Length)..];
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in PropertyPattern().Matches(properties))
        {
            result[m.Groups["name"].Value] = m.Groups["value"].Value.Trim();
        }

        return result;
    }

    // Lines of a multi-line decorator such as @allowed([ ... ]).
    private static bool IsDecoratorContinuation(string line) => line.Length > 0 && (char.IsDigit(line[0]) || line[0] == '\'');

    [GeneratedRegex(@"^resource\s+(?<symbol>\w+)\s+'(?<type>[^@']+)@(?<version>[^']+)'(?<existing>\s+existing)?\s*=", RegexOptions.Multiline)]
    private static partial Regex ResourcePattern();

    [GeneratedRegex(@"^param\s+(?<name>\w+)\s+(?<type>\w+)(?<default>\s*=.*)?$")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"^output\s+(?<name>\w+)\s+\w+\s*=\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex OutputPattern();

    [GeneratedRegex(@"^    (?<name>[A-Za-z_][\w]*):\s*(?<value>.+)$", RegexOptions.Multiline)]
    private static partial Regex PropertyPattern();
}

internal sealed record BicepResource(string Symbol, string Type, string ApiVersion, bool Existing, string File);

internal sealed record BicepParameter(string Name, string Type, bool Secure, bool HasDefault);
