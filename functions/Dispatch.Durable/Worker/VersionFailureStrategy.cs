namespace Dispatch.Durable.Worker;

/// <summary>What a worker does with an instance whose version it does not run.</summary>
public enum VersionFailureStrategy
{
    /// <summary>Leave the instance untouched for a compatible worker (the default).</summary>
    Reject = 0,

    /// <summary>Fail the instance.</summary>
    Fail = 1,
}
