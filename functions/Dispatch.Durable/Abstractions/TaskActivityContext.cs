namespace Dispatch.Durable;

/// <summary>What an activity sees about the call it serves.</summary>
public abstract class TaskActivityContext
{
    /// <summary>Gets the activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>Gets the id of the calling orchestration instance.</summary>
    public abstract string InstanceId { get; }

    /// <summary>Gets the caller's task id: (instance id, task id) identifies one call across retries of delivery, so it is the idempotency key for effects.</summary>
    public virtual int TaskId => -1;

    /// <summary>Gets a token cancelled when the host shuts down.</summary>
    public virtual CancellationToken CancellationToken => CancellationToken.None;
}
