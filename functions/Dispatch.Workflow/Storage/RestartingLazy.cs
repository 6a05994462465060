using System.Collections.Concurrent;

namespace Dispatch.Workflow.Storage;

/// <summary>Shared one-time work per key (a table's creation or load) that a failure does not poison.</summary>
internal static class RestartingLazy
{
    /// <summary>
    /// Returns the task of <paramref name="key"/>'s work, starting it on first use; a faulted or cancelled run is
    /// not cached, so this caller starts the next attempt (or joins one a concurrent caller just started).
    /// </summary>
    public static Task<T> GetOrRestart<T>(this ConcurrentDictionary<string, Lazy<Task<T>>> runs, string key, Func<string, Lazy<Task<T>>> start)
    {
        var run = runs.GetOrAdd(key, start);
        if (run.Value.IsFaulted || run.Value.IsCanceled)
        {
            var retry = start(key);
            run = runs.TryUpdate(key, retry, run) ? retry : runs.GetOrAdd(key, start);
        }

        return run.Value;
    }
}
