namespace Dispatch.Durable.Worker;

/// <summary>Which instance versions a worker runs.</summary>
public enum VersionMatchStrategy
{
    /// <summary>Every version.</summary>
    None = 0,

    /// <summary>Only instances whose version equals the worker's.</summary>
    Strict = 1,

    /// <summary>Instances whose version is the worker's or older (the Durable Functions default).</summary>
    CurrentOrOlder = 2,
}
