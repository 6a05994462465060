using Azure;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Pages of a table or entity query: fetches page after page while the service returns a continuation,
/// including empty pages that still carry one.
/// </summary>
internal sealed class TablePageable<T>(Func<string?, int?, CancellationToken, ValueTask<Page<T>>> fetchPage, int? pageSize, CancellationToken cancellationToken)
    : AsyncPageable<T>(cancellationToken)
    where T : notnull
{
    public override async IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null)
    {
        var size = pageSizeHint ?? pageSize;
        do
        {
            var page = await fetchPage(continuationToken, size, CancellationToken).ConfigureAwait(false);
            yield return page;
            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));
    }

    public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using var linked = cancellationToken.CanBeCanceled && CancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, CancellationToken)
            : null;
        var token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : CancellationToken);
        string? continuation = null;
        do
        {
            var page = await fetchPage(continuation, pageSize, token).ConfigureAwait(false);
            var values = page.Values;
            for (var i = 0; i < values.Count; i++)
            {
                yield return values[i];
            }

            continuation = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuation));
    }
}
