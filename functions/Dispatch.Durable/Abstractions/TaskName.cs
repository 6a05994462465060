namespace Dispatch.Durable;

/// <summary>The name of an orchestrator or activity; compared case-insensitively, like Microsoft.DurableTask's <c>TaskName</c>.</summary>
public readonly struct TaskName : IEquatable<TaskName>
{
    /// <summary>Creates a task name.</summary>
    /// <param name="name">The name; neither null nor blank.</param>
    public TaskName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Converts a string to a task name.</summary>
    public static implicit operator TaskName(string name) => new(name);

    /// <summary>Compares two names case-insensitively.</summary>
    public static bool operator ==(TaskName left, TaskName right) => left.Equals(right);

    /// <summary>Compares two names case-insensitively.</summary>
    public static bool operator !=(TaskName left, TaskName right) => !left.Equals(right);

    /// <summary>Creates a task name from a string.</summary>
    public static TaskName FromString(string name) => new(name);

    /// <inheritdoc />
    public bool Equals(TaskName other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TaskName other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Name is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <inheritdoc />
    public override string ToString() => Name ?? string.Empty;
}
