namespace Dispatch.Durable;

/// <summary>Names an orchestrator or activity class; without it the class name is used.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class DurableTaskAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    public DurableTaskAttribute(string? name = null)
    {
        Name = name;
    }

    /// <summary>Gets the registered name.</summary>
    public string? Name { get; }

    /// <summary>Gets or sets the orchestrator version this class implements; empty matches every version without a more specific registration.</summary>
    public string Version { get; set; } = string.Empty;
}
