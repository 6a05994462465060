using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>Lets a set number of entity-group transactions through, then fails every later one as a dead connection would.</summary>
internal sealed class FailBatchesPolicy : HttpPipelineSynchronousPolicy
{
    private int _allowed = int.MaxValue;

    /// <summary>Lets <paramref name="count"/> more transactions through; the ones after fail.</summary>
    public void AllowBatches(int count) => Volatile.Write(ref _allowed, count);

    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Interlocked.Decrement(ref _allowed) < 0)
        {
            throw new IOException("Simulated crash: the connection died before the transaction was sent.");
        }
    }
}
