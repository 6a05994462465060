using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Storage;

/// <summary>The JSON shape of stored documents: the same camelCase names as the HTTP API.</summary>
internal static class WorkflowJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
