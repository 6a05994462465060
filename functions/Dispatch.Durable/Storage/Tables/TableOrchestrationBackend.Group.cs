using System.Collections.Concurrent;
using Azure;
using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <content>
/// Group commit: writes to one partition (an index shard, or an instance partition receiving a fan-in of
/// activity results) that arrive while a transaction on that partition is in flight wait for it and then go
/// together in the next one, so under load many writers share one request and a lone writer waits for nobody.
/// </content>
public sealed partial class TableOrchestrationBackend
{
    private readonly ConcurrentDictionary<string, ShardWriter> _shardWriters = new(StringComparer.Ordinal);

    /// <summary>
    /// Writes <paramref name="unit"/> to one index shard, all or nothing (failed tolerant actions are dropped),
    /// possibly in one transaction with other units. Records written actions with their ETags in
    /// <paramref name="written"/>. Throws <see cref="TableTransactionFailedException"/> when one of the unit's
    /// non-tolerant actions fails; other units are unaffected.
    /// </summary>
    private Task WriteIndexAsync(List<BatchAction> unit, List<(BatchAction Action, ETag ETag)>? written, CancellationToken cancellationToken) =>
        WriteGroupedAsync(_index, unit, written, cancellationToken);

    /// <summary>As <see cref="WriteIndexAsync"/>, for one partition of <paramref name="table"/>.</summary>
    private async Task WriteGroupedAsync(TableClient table, List<BatchAction> unit, List<(BatchAction Action, ETag ETag)>? written, CancellationToken cancellationToken)
    {
        if (unit.Count == 0)
        {
            return;
        }

        var partition = unit[0].Action.Entity.PartitionKey;
        if (unit.Count > MaxBatch || unit.Exists(a => a.Action.Entity.PartitionKey != partition))
        {
            written ??= [];
            foreach (var chunk in unit.Chunk(MaxBatch))
            {
                var list = chunk.ToList();
                // SubmitAsync drops failed tolerant actions from the list, so it lines up with the responses.
                var chunkResponses = await SubmitAsync(table, list, cancellationToken);
                for (var i = 0; chunkResponses is not null && i < list.Count; i++)
                {
                    written.Add((list[i], chunkResponses[i].Headers.ETag ?? default));
                }
            }

            return;
        }

        var pending = new PendingUnit(unit);
        var key = (ReferenceEquals(table, _index) ? "X" : ReferenceEquals(table, _lookups) ? "L" : "I") + partition;
        var writer = _shardWriters.GetOrAdd(key, _ => new ShardWriter(table));
        bool lead;
        lock (writer)
        {
            writer.Queue.Add(pending);
            lead = !writer.Running;
            writer.Running = true;
        }

        if (lead)
        {
            await LeadAsync(writer, pending);
        }

        var responses = await pending.Done.Task.WaitAsync(cancellationToken);
        if (written is not null)
        {
            for (var i = 0; i < unit.Count; i++)
            {
                written.Add((unit[i], responses[i].Headers.ETag ?? default));
            }
        }
    }

    /// <summary>
    /// Submits queued units of a shard, batch after batch, until the queue is empty. A caller leading for its
    /// own <paramref name="mine"/> hands the rest to a background task once that is done, so that it never
    /// waits for units queued after its own, while a lone writer makes no thread hop.
    /// </summary>
    private async Task LeadAsync(ShardWriter writer, PendingUnit? mine = null)
    {
        while (true)
        {
            List<PendingUnit> batch;
            lock (writer)
            {
                if (writer.Queue.Count == 0)
                {
                    writer.Running = false;
                    return;
                }

                if (mine is not null && mine.Done.Task.IsCompleted)
                {
                    _ = Task.Run(() => LeadAsync(writer), CancellationToken.None);
                    return;
                }

                batch = [];
                var size = 0;
                var bytes = 0;
                var rows = new HashSet<string>(StringComparer.Ordinal);
                while (writer.Queue.Count > 0
                    && (batch.Count == 0 || (size + writer.Queue[0].Actions.Count <= MaxBatch && bytes + writer.Queue[0].Bytes <= MaxBatchBytes)))
                {
                    // A transaction may touch a row once: a unit that touches a row already in the batch waits for the next.
                    var next = writer.Queue[0];
                    if (batch.Count > 0 && next.Actions.Exists(a => rows.Contains(a.Action.Entity.RowKey)))
                    {
                        break;
                    }

                    rows.UnionWith(next.Actions.Select(a => a.Action.Entity.RowKey));
                    size += next.Actions.Count;
                    bytes += next.Bytes;
                    batch.Add(next);
                    writer.Queue.RemoveAt(0);
                }
            }

            await SubmitGroupAsync(writer.Table, batch);
        }
    }

    /// <summary>Submits units in one transaction; drops failed tolerant actions, and fails only the unit of a failed non-tolerant one.</summary>
    private async Task SubmitGroupAsync(TableClient table, List<PendingUnit> units)
    {
        while (units.Count > 0)
        {
            var actions = units.SelectMany(u => u.Actions.Select(a => (Unit: u, Action: a))).ToList();
            try
            {
                Count();
                var response = await table.SubmitTransactionAsync(actions.Select(a => a.Action.Action).ToList(), CancellationToken.None);
                var offset = 0;
                foreach (var unit in units)
                {
                    unit.Done.TrySetResult(response.Value.Skip(offset).Take(unit.Actions.Count).ToList());
                    offset += unit.Actions.Count;
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex is { } i && i < actions.Count)
            {
                var (unit, action) = actions[i];
                if (action.Tolerant)
                {
                    unit.Actions.Remove(action);
                }
                else
                {
                    unit.Done.TrySetException(ex);
                    units.Remove(unit);
                }

                units.RemoveAll(u => u.Actions.Count == 0 && u.Done.TrySetResult([]));
            }
#pragma warning disable CA1031 // Every waiting unit gets the failure; the leader itself must go on with the queue.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var unit in units)
                {
                    unit.Done.TrySetException(ex);
                }

                return;
            }
        }
    }

    /// <summary>The queue of one partition and whether a leader is draining it.</summary>
    private sealed class ShardWriter(TableClient table)
    {
        public TableClient Table { get; } = table;

        public List<PendingUnit> Queue { get; } = [];

        public bool Running { get; set; }
    }

    /// <summary>One caller's actions and the responses it waits for.</summary>
    private sealed class PendingUnit(List<BatchAction> actions)
    {
        public List<BatchAction> Actions { get; } = actions;

        /// <summary>Gets the estimated size of the actions in a transaction body (carried messages may hold 16,000 characters each).</summary>
        public int Bytes { get; } = EstimateBytes(actions);

        public TaskCompletionSource<List<Response>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
