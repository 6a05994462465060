using Dispatch.Durable.Backend;
using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <content>
/// Carried messages: a client's message stored only in its due row, so that sending it costs the caller one
/// write group-committed with the other writers of its shard. Taking an instance's lease deletes its due rows,
/// so before that a claim copies the carried messages into the instance partition (received marker and pending
/// row, at the due row's position), where every later step, abandon and take-over finds and consumes them.
/// </content>
public sealed partial class TableOrchestrationBackend
{
    // Twenty messages of at most 16,000 characters keep a copy transaction well under 4 MiB.
    private const int MaxCarriedPerTransaction = 20;

    /// <summary>Copies the carried messages of instance plans into their partitions; drops due rows already consumed and plans left empty.</summary>
    private async Task MaterializeCarriedAsync(List<ClaimPlan> plans, CancellationToken cancellationToken)
    {
        var copies = plans.Where(p => p.Activity is null && p.DueRows.Exists(IsCarried)).Select(p => MaterializeAsync(p, cancellationToken)).ToList();
        if (copies.Count == 0)
        {
            return;
        }

        await Task.WhenAll(copies);
        plans.RemoveAll(p => p.Activity is null && p.ExistingMarker is null && p.DueRows.Count == 0);
    }

    private static bool IsCarried(TableEntity row) => row.GetBoolean("Carried") == true;

    private async Task MaterializeAsync(ClaimPlan plan, CancellationToken cancellationToken)
    {
        var carried = new List<TableEntity>();
        var stale = new List<TableEntity>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in plan.DueRows.Where(IsCarried))
        {
            // A message sent twice (one call naming one id twice, or a client retry) is delivered once.
            (ids.Add(row.GetString("ItemId")!) ? carried : stale).Add(row);
        }

        // Sent before a purge, it lands in an empty partition: the worker finds no instance and discards it.
        var now = _time.GetUtcNow();
        var pk = TableKeys.Partition(plan.InstanceId);
        foreach (var chunk in carried.Chunk(MaxCarriedPerTransaction))
        {
            var rows = chunk.Select(r => (Due: r, Message: TablePayloads.FromJson<OrchestrationMessage>(r.GetString("Data")!))).ToList();
            while (rows.Count > 0)
            {
                var actions = new List<TableTransactionAction>(rows.Count * 2);
                foreach (var (due, message) in rows)
                {
                    var (received, pending, _) = MessageRows(pk, message, now, null, TableKeys.PositionOf(due.RowKey));
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, received));
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, pending));
                }

                try
                {
                    Count();
                    await _instances.SubmitTransactionAsync(actions, cancellationToken);
                    break;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409 && ex.FailedTransactionActionIndex is { } i && i / 2 < rows.Count)
                {
                    // Copied before (a claim that lost the lease race, or a crash before it took the lease):
                    // still pending, or consumed since, and then its due row is stale.
                    var (due, message) = rows[i / 2];
                    rows.RemoveAt(i / 2);
                    Count();
                    var pending = await _instances.GetEntityIfExistsAsync<TableEntity>(pk, TableKeys.Message(message.MessageId), ["RowKey"], cancellationToken);
                    if (!pending.HasValue)
                    {
                        stale.Add(due);
                    }
                }
            }
        }

        if (stale.Count > 0)
        {
            plan.DueRows.RemoveAll(stale.Contains);
            await SubmitIndexAsync(stale.Select(r => new BatchAction(new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag), Tolerant: true)).ToList(), cancellationToken);
        }
    }
}
