using System.Text.Json.Serialization;

namespace Dispatch.Functions.CustomHandler;

/// <summary>
/// The answer the Functions host expects from a custom handler for a non-HTTP trigger; every entry of
/// <see cref="Logs"/> becomes an Information log of the invocation.
/// </summary>
/// <param name="Outputs">Output binding values, keyed by binding name (the timer function has none).</param>
/// <param name="Logs">Log lines for the invocation.</param>
/// <param name="ReturnValue">The value for a <c>$return</c> binding, or null (written even when the host's JSON options skip nulls).</param>
internal sealed record InvocationResponse(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? ReturnValue);
