using System.Text.Json;

namespace Dispatch.Functions.CustomHandler;

/// <summary>Writes function definitions as the Azure Functions app layout: <c>&lt;dir&gt;/&lt;Name&gt;/function.json</c>.</summary>
internal static class FunctionDefinitionWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes every definition under <paramref name="directory"/>, replacing older <c>function.json</c> files.</summary>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string directory, IEnumerable<IFunctionDefinition> definitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(definitions);

        var written = new List<string>();
        foreach (var definition in definitions)
        {
            var folder = Path.Combine(directory, definition.Name);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, "function.json");
            File.WriteAllText(path, definition.ToFunctionJson().ToJsonString(Indented) + "\n");
            written.Add(path);
        }

        return written;
    }
}
