using Azure;
using Azure.Core;
using Dispatch.Tables.Internal;

namespace Dispatch.Tables;

/// <content>Entity group transactions.</content>
public partial class TableClient
{
    private const int MaxBatchBodyBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Runs up to 100 actions on entities of one partition atomically: all commit or none does. A refused
    /// transaction throws <see cref="TableTransactionFailedException"/> naming the failed action's index.
    /// </summary>
    /// <param name="transactionActions">The actions, in the order the service runs them; each row at most once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One response per action, in order, each with its new ETag where the action wrote one.</returns>
    public virtual async Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactionActions);
        var actions = transactionActions as IReadOnlyList<TableTransactionAction> ?? [.. transactionActions];
        ValidateTransaction(actions);

        var id = Guid.NewGuid().ToString("N");
        var batchBoundary = "batch_" + id;
        var body = MultipartBatch.Write(batchBoundary, "changeset_" + id, string.Concat(_rest.AbsoluteBase, "/", _table), actions);
        if (body.Length > MaxBatchBodyBytes)
        {
            throw new ArgumentException($"The transaction body is {body.Length:N0} bytes; the service accepts at most 4 MiB.", nameof(transactionActions));
        }

        using var message = _rest.CreateMessage(RequestMethod.Post, "/$batch");
        message.Request.Headers.Add("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body);
        var response = await _rest.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.Status != 202)
        {
            throw TableRestClient.Failure(response);
        }

        List<MultipartBatch.Part> parts;
        try
        {
            response.Headers.TryGetValue("Content-Type", out var contentType);
            parts = MultipartBatch.Parse(contentType ?? string.Empty, response.Content.ToMemory());
        }
        catch (FormatException ex)
        {
            throw new RequestFailedException(response.Status, $"The transaction response could not be read: {ex.Message}", null, ex);
        }

        var responses = new List<Response>(parts.Count);
        foreach (var part in parts)
        {
            if (part.Status >= 400)
            {
                throw TransactionFailure(part, actions);
            }

            responses.Add(new TransactionSubResponse(part.Status, part.ReasonPhrase, part.Headers, part.Body, response.ClientRequestId));
        }

        if (responses.Count != actions.Count)
        {
            throw new RequestFailedException(response.Status, $"The transaction response holds {responses.Count} answers for {actions.Count} actions.", null, null);
        }

        return Response.FromValue<IReadOnlyList<Response>>(responses, response);
    }

    private static void ValidateTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        if (actions.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one action.", "transactionActions");
        }

        if (actions.Count > TableValidation.MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds at most {TableValidation.MaxTransactionActions} actions; this one has {actions.Count}.", "transactionActions");
        }

        var partitionKey = actions[0]?.Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Transaction action {i} is null.", "transactionActions");
            var entity = action.Entity;
            TableValidation.ValidateKey(entity.PartitionKey, "PartitionKey", "transactionActions");
            TableValidation.ValidateKey(entity.RowKey, "RowKey", "transactionActions");
            if (!string.Equals(entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"A transaction stays in one partition: action {i} has PartitionKey '{TableValidation.Display(entity.PartitionKey)}', action 0 has '{TableValidation.Display(partitionKey!)}'.",
                    "transactionActions");
            }

            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException($"A transaction touches each row once: action {i} repeats RowKey '{TableValidation.Display(entity.RowKey)}'.", "transactionActions");
            }
        }
    }

    private static TableTransactionFailedException TransactionFailure(MultipartBatch.Part part, IReadOnlyList<TableTransactionAction> actions)
    {
        string? code = null;
        foreach (var header in part.Headers)
        {
            if (string.Equals(header.Name, "x-ms-error-code", StringComparison.OrdinalIgnoreCase))
            {
                code = header.Value;
            }
        }

        var (bodyCode, serviceMessage) = TableErrorParser.ParseBody(part.Body.Span);
        code ??= bodyCode;
        var index = TableTransactionFailedException.ParseIndex(serviceMessage);
        var what = index is { } i && i >= 0 && i < actions.Count
            ? $"action {i} ({actions[i].ActionType} of PartitionKey '{TableValidation.Display(actions[i].Entity.PartitionKey)}', RowKey '{TableValidation.Display(actions[i].Entity.RowKey)}')"
            : "an action";
        var message = $"The transaction was rolled back: {what} failed with {part.Status} {code}: {serviceMessage?.Split('\n')[0]}";
        return new TableTransactionFailedException(part.Status, message, code, index);
    }
}
