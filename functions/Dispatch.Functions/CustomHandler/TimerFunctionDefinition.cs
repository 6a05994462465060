using System.Text.Json.Nodes;

namespace Dispatch.Functions.CustomHandler;

/// <summary>The timer-triggered function that advances due work; the Functions host POSTs to <c>/{Name}</c>.</summary>
/// <param name="Name">The function name.</param>
/// <param name="Schedule">A six-field NCRONTAB expression, in UTC.</param>
/// <param name="BindingName">The trigger's binding name, the key of <c>Data</c> in the invocation payload.</param>
internal sealed record TimerFunctionDefinition(string Name, string Schedule, string BindingName) : IFunctionDefinition
{
    /// <inheritdoc/>
    public JsonObject ToFunctionJson() => new()
    {
        ["bindings"] = new JsonArray(new JsonObject
        {
            ["type"] = "timerTrigger",
            ["direction"] = "in",
            ["name"] = BindingName,
            ["schedule"] = Schedule,

            // Starting on every cold start or scale-out would only add runs; the next minute comes soon enough.
            ["runOnStartup"] = false,
            ["useMonitor"] = true,
        }),
    };
}
