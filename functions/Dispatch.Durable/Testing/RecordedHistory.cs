using System.Text.Json;
using System.Text.Json.Serialization;
using Dispatch.Durable.Client;

namespace Dispatch.Durable.Testing;

/// <summary>
/// One execution's history as recorded from a real run, stored as JSON (e.g. under <c>tests/…/Histories/</c>)
/// and replayed by <see cref="ReplayChecker"/> against current code before deploying.
/// </summary>
public sealed record RecordedHistory
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Gets the instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Gets the orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the execution's version.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Gets the events, oldest first.</summary>
    public required IReadOnlyList<HistoryEvent> Events { get; init; }

    /// <summary>Reads a recording from JSON.</summary>
    public static RecordedHistory FromJson(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return JsonSerializer.Deserialize<RecordedHistory>(json, Json) ?? throw new ArgumentException("The JSON holds no recorded history.", nameof(json));
    }

    /// <summary>Reads a recording from a file.</summary>
    public static async Task<RecordedHistory> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return FromJson(await File.ReadAllTextAsync(path, cancellationToken));
    }

    /// <summary>Records an instance's current execution through a client.</summary>
    public static async Task<RecordedHistory> CaptureAsync(DurableTaskClient client, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var instance = await client.GetInstanceAsync(instanceId, cancellationToken) ?? throw new ArgumentException($"Instance '{instanceId}' does not exist.", nameof(instanceId));
        var events = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken);
        return new RecordedHistory { InstanceId = instanceId, Name = instance.Name, Version = instance.Version, Events = [.. events] };
    }

    /// <summary>Writes the recording as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
