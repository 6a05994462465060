namespace Dispatch.Workflow.Storage;

/// <summary>
/// Loads the workflow's tables into the process's in-memory mirror ahead of the first request. Registered
/// only when <c>AddDispatchWorkflow</c> is called with <c>mirrorTables: true</c> on Table Storage, so resolve
/// it with <c>GetService</c> and skip warming up when it is absent.
/// </summary>
public interface IWorkflowStorageWarmUp
{
    /// <summary>
    /// Loads every workflow table not loaded yet; requests that arrive meanwhile wait for the same load.
    /// A failed load throws here and is retried by the next request that needs the table.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting (a load already started still completes for later callers).</param>
    /// <returns>A task that completes when every table is in memory.</returns>
    Task WarmUpAsync(CancellationToken cancellationToken = default);
}
