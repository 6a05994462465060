using Azure.Core;
using Azure.Core.Pipeline;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>Holds writes to one table (single requests and transactions naming it) while closed.</summary>
internal sealed class GateIndexWritesPolicy(string table) : HttpPipelinePolicy
{
    private TaskCompletionSource _open = NewOpen();
    private long _largestBody;

    /// <summary>Gets the size in bytes of the largest request body written to the table so far.</summary>
    public long LargestBody => Interlocked.Read(ref _largestBody);

    /// <summary>Holds later writes until <see cref="Open"/>.</summary>
    public void Close() => Interlocked.Exchange(ref _open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets held and later writes through.</summary>
    public void Open() => Volatile.Read(ref _open).TrySetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (Targets(message))
        {
            await Volatile.Read(ref _open).Task;
        }

        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The backend sends asynchronously.");

    private static TaskCompletionSource NewOpen()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }

    private bool Targets(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Get)
        {
            return false;
        }

        if (message.Request.Uri.Path.Contains(table + "(", StringComparison.Ordinal))
        {
            return true;
        }

        using var body = new MemoryStream();
        message.Request.Content?.WriteTo(body, CancellationToken.None);
        if (!System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(table + "(", StringComparison.Ordinal))
        {
            return false;
        }

        for (var largest = Interlocked.Read(ref _largestBody); body.Length > largest; largest = Interlocked.Read(ref _largestBody))
        {
            Interlocked.CompareExchange(ref _largestBody, body.Length, largest);
        }

        return true;
    }
}
