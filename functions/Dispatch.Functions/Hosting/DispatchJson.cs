using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Functions.Hosting;

/// <summary>One JSON dialect for the whole API: camelCase, enums as camelCase strings, unknown fields refused.</summary>
internal static class DispatchJson
{
    /// <summary>Applies the dialect to <paramref name="options"/>; dates (<see cref="DateOnly"/>) are already <c>yyyy-MM-dd</c>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
    }
}
