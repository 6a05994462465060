namespace Dispatch.Durable.Client;

/// <summary>The state of an instance as returned by the client.</summary>
public sealed class OrchestrationMetadata
{
    /// <summary>Creates metadata.</summary>
    public OrchestrationMetadata(string name, string instanceId)
    {
        Name = name;
        InstanceId = instanceId;
    }

    /// <summary>Gets the orchestrator name.</summary>
    public string Name { get; }

    /// <summary>Gets the instance id.</summary>
    public string InstanceId { get; }

    /// <summary>Gets the version of the current execution.</summary>
    public string Version { get; init; } = string.Empty;

    /// <summary>Gets the runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>Gets when the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Gets when the instance reached a terminal status, if it did.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Gets the requested start time of a delayed start.</summary>
    public DateTimeOffset? ScheduledStartAt { get; init; }

    /// <summary>Gets the serialised input (when inputs and outputs were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Gets the serialised output (when inputs and outputs were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Gets the serialised custom status (when inputs and outputs were requested).</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Gets the failure of a failed instance.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>Gets the tags given at start.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the business keys the orchestrator set.</summary>
    public IReadOnlyDictionary<string, string> BusinessKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the parent, for a sub-orchestration.</summary>
    public ParentOrchestrationInstance? Parent { get; init; }

    /// <summary>Gets the number of times the instance continued as new.</summary>
    public int Generation { get; init; }

    /// <summary>Gets whether the payloads were requested and are readable.</summary>
    public bool RequestedInputsAndOutputs { get; init; }

    /// <summary>Gets the converter for the Read… helpers.</summary>
    public DataConverter DataConverter { get; init; } = JsonDataConverter.Default;

    /// <summary>Gets whether the instance is running (Running status).</summary>
    public bool IsRunning => RuntimeStatus == OrchestrationRuntimeStatus.Running;

    /// <summary>Gets whether the instance reached a terminal status.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Reads the input; throws <see cref="InvalidOperationException"/> unless inputs and outputs were requested.</summary>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    /// <summary>Reads the output; throws <see cref="InvalidOperationException"/> unless inputs and outputs were requested.</summary>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    /// <summary>Reads the custom status; throws <see cref="InvalidOperationException"/> unless inputs and outputs were requested.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {InstanceId} {RuntimeStatus}";

    private T? Read<T>(string? data)
    {
        if (!RequestedInputsAndOutputs)
        {
            throw new InvalidOperationException($"The metadata of instance '{InstanceId}' was fetched without inputs and outputs; request them to read payloads.");
        }

        return DataConverter.Deserialize<T>(data);
    }
}
