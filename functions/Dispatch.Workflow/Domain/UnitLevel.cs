using System.Text.Json.Serialization;

namespace Dispatch.Workflow.Domain;

/// <summary>The administrative level of a dispatching unit (派出单位).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitLevel>))]
public enum UnitLevel
{
    /// <summary>市: a city-level organ, enterprise or institution.</summary>
    [JsonStringEnumMemberName("city")]
    City,

    /// <summary>县: a county-level organ, enterprise or institution.</summary>
    [JsonStringEnumMemberName("county")]
    County,

    /// <summary>镇: a township (or sub-district) organ.</summary>
    [JsonStringEnumMemberName("township")]
    Township,
}
