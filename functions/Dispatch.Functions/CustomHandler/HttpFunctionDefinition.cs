using System.Text.Json.Nodes;

namespace Dispatch.Functions.CustomHandler;

/// <summary>An HTTP-triggered function that forwards a group of the host's routes to the custom handler.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Route">The Functions route template (the host.json route prefix is empty, so this is the whole path).</param>
/// <param name="AuthLevel">The Functions auth level.</param>
/// <param name="Methods">Lower-case HTTP methods, or empty for every method.</param>
/// <param name="CoveredPatterns">The host's route patterns this function forwards.</param>
internal sealed record HttpFunctionDefinition(
    string Name,
    string Route,
    FunctionAuthLevel AuthLevel,
    IReadOnlyList<string> Methods,
    IReadOnlyList<string> CoveredPatterns) : IFunctionDefinition
{
    /// <inheritdoc/>
    public JsonObject ToFunctionJson()
    {
        // Exactly one httpTrigger plus one http output: any other binding would switch the Functions host
        // from forwarding the original request to the JSON payload mode.
        var trigger = new JsonObject
        {
            ["type"] = "httpTrigger",
            ["direction"] = "in",
            ["name"] = "req",
            ["authLevel"] = AuthLevel == FunctionAuthLevel.Anonymous ? "anonymous" : "function",
        };
        if (Methods.Count > 0)
        {
            trigger["methods"] = new JsonArray([.. Methods.Select(m => JsonValue.Create(m))]);
        }

        trigger["route"] = Route;
        return new JsonObject
        {
            ["bindings"] = new JsonArray(trigger, new JsonObject { ["type"] = "http", ["direction"] = "out", ["name"] = "res" }),
        };
    }
}
