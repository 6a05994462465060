using System.Collections.Concurrent;
using Azure;
using Dispatch.Tables;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// Group commit of single-row writes. Writes to one partition that arrive while a request on that partition
/// is in flight wait for it and then go together in one entity-group transaction, so under load many writers
/// share one request (Azurite serves one request at a time), while a lone writer still makes a plain request.
/// Each write keeps its own outcome: the action that fails a transaction fails alone and the rest go again.
/// </summary>
internal sealed class PartitionWriteBatcher
{
    private const int MaxActions = 100;

    // Characters of document JSON per transaction: at most 6 bytes each once escaped, under the 4 MiB limit.
    private const int MaxChars = 500_000;

    private readonly ConcurrentDictionary<(TableClient Table, string Partition), PartitionQueue> _queues = new();
    private long _requests;

    /// <summary>Gets the number of storage requests made so far.</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>
    /// Runs <paramref name="action"/> (Add, UpsertReplace, UpdateReplace or Delete), possibly in one transaction
    /// with writes of other callers to the same partition; <paramref name="chars"/> is the size of its JSON.
    /// Throws the <see cref="RequestFailedException"/> of this action alone when it fails.
    /// </summary>
    public Task<Response> WriteAsync(TableClient table, TableTransactionAction action, int chars, CancellationToken cancellationToken = default)
    {
        // Once queued a write is not withdrawn: a caller that gave up must not leave its outcome unknown to the mirror.
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite(action, chars);
        var queue = _queues.GetOrAdd((table, action.Entity.PartitionKey), static key => new PartitionQueue(key.Table));
        bool start;
        lock (queue)
        {
            queue.Writes.Add(write);
            start = !queue.Running;
            queue.Running = true;
        }

        return start ? DrainThenAwaitAsync(queue, write) : write.Done.Task;
    }

    private async Task<Response> DrainThenAwaitAsync(PartitionQueue queue, PendingWrite write)
    {
        await DrainAsync(queue, write);
        return await write.Done.Task;
    }

    /// <summary>
    /// Submits batches until the queue is empty. A caller draining for its own <paramref name="mine"/> hands
    /// the rest to a background task once that is done, so that it never waits for writes queued after its
    /// own, while a lone writer makes no thread hop.
    /// </summary>
    private async Task DrainAsync(PartitionQueue queue, PendingWrite? mine = null)
    {
        while (true)
        {
            List<PendingWrite> batch;
            lock (queue)
            {
                if (queue.Writes.Count == 0)
                {
                    queue.Running = false;
                    return;
                }

                if (mine is not null && mine.Done.Task.IsCompleted)
                {
                    _ = Task.Run(() => DrainAsync(queue), CancellationToken.None);
                    return;
                }

                batch = TakeBatch(queue.Writes);
            }

            await SubmitAsync(queue.Table, batch);
        }
    }

    /// <summary>Takes writes in arrival order while they fit one transaction and touch distinct rows.</summary>
    private static List<PendingWrite> TakeBatch(List<PendingWrite> writes)
    {
        var batch = new List<PendingWrite>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        var chars = 0;
        while (writes.Count > 0 && batch.Count < MaxActions)
        {
            var next = writes[0];
            if (batch.Count > 0 && (chars + next.Chars > MaxChars || rows.Contains(next.Action.Entity.RowKey)))
            {
                break;
            }

            rows.Add(next.Action.Entity.RowKey);
            chars += next.Chars;
            batch.Add(next);
            writes.RemoveAt(0);
        }

        return batch;
    }

#pragma warning disable CA1031 // Every failure goes to the writes it concerns; the drain must go on with the queue.
    private async Task SubmitAsync(TableClient table, List<PendingWrite> batch)
    {
        while (batch.Count > 1)
        {
            try
            {
                Interlocked.Increment(ref _requests);
                var responses = await table.SubmitTransactionAsync(batch.Select(w => w.Action).ToList(), CancellationToken.None);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(responses.Value[i]);
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } i && i >= 0 && i < batch.Count)
            {
                batch[i].Done.TrySetException(ex);
                batch.RemoveAt(i);
            }
            catch (Exception ex)
            {
                foreach (var write in batch)
                {
                    write.Done.TrySetException(ex);
                }

                return;
            }
        }

        if (batch.Count == 1)
        {
            try
            {
                Interlocked.Increment(ref _requests);
                batch[0].Done.TrySetResult(await SingleAsync(table, batch[0].Action));
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }
#pragma warning restore CA1031

    private static Task<Response> SingleAsync(TableClient table, TableTransactionAction action) => action.ActionType switch
    {
        TableTransactionActionType.Add => table.AddEntityAsync(action.Entity, CancellationToken.None),
        TableTransactionActionType.UpsertReplace => table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, CancellationToken.None),
        TableTransactionActionType.UpdateReplace => table.UpdateEntityAsync(action.Entity, action.ETag, TableUpdateMode.Replace, CancellationToken.None),
        TableTransactionActionType.Delete => table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, action.ETag, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Only Add, UpsertReplace, UpdateReplace and Delete are batched."),
    };

    private sealed class PartitionQueue(TableClient table)
    {
        public TableClient Table { get; } = table;

        public List<PendingWrite> Writes { get; } = [];

        public bool Running { get; set; }
    }

    private sealed class PendingWrite(TableTransactionAction action, int chars)
    {
        public TableTransactionAction Action { get; } = action;

        public int Chars { get; } = chars;

        public TaskCompletionSource<Response> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
