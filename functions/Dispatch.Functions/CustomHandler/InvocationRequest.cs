using System.Text.Json;

namespace Dispatch.Functions.CustomHandler;

/// <summary>The body the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger.</summary>
/// <param name="Data">Trigger and input binding values, keyed by binding name.</param>
/// <param name="Metadata">Trigger metadata, including <c>sys</c> (<c>MethodName</c>, <c>UtcNow</c>, <c>RandGuid</c>).</param>
internal sealed record InvocationRequest(
    Dictionary<string, JsonElement>? Data,
    Dictionary<string, JsonElement>? Metadata);
