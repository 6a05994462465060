using Azure;
using Dispatch.Tables;

namespace Dispatch.Mail.State;

/// <summary>
/// <see cref="INoticeStateStore"/> on Table Storage: one entity per notice (PartitionKey = notice id, RowKey
/// <c>state</c>), inserts fail on 409 and replaces are guarded by If-Match, so two senders can never both claim a notice.
/// </summary>
public sealed class TableNoticeStateStore : INoticeStateStore
{
    private const string RowKey = "state";
    private const int MaxStringChars = 32 * 1024;
    private readonly TableClient _table;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public TableNoticeStateStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    /// <inheritdoc />
    public async Task<NoticeStateEntry?> GetAsync(string noticeId, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(noticeId, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? FromEntity(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<NoticeStateEntry?> TryAddAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(entry), cancellationToken).ConfigureAwait(false);
            return entry with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<NoticeStateEntry?> TryReplaceAsync(NoticeStateEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.ETag is null)
        {
            throw new ArgumentException($"Notice state {entry.NoticeId} has no ETag; read it before replacing it.", nameof(entry));
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(entry), new ETag(entry.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return entry with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    private static TableEntity ToEntity(NoticeStateEntry e)
    {
        if (e.NoticeJson.Length > MaxStringChars)
        {
            throw new ArgumentException($"Notice {e.NoticeId} serializes to {e.NoticeJson.Length} characters; Table Storage strings hold at most {MaxStringChars}.", nameof(e));
        }

        var entity = new TableEntity(e.NoticeId, RowKey)
        {
            ["State"] = e.State.ToString(),
            ["Kind"] = e.Kind.ToString(),
            ["AssignmentId"] = e.AssignmentId,
            ["Recipient"] = e.Recipient,
            ["Subject"] = e.Subject,
            ["NoticeJson"] = e.NoticeJson,
            ["Attempts"] = e.Attempts,
            ["ClaimedAt"] = e.ClaimedAt,
            ["SentAt"] = e.SentAt,
            ["ProviderMessageId"] = e.ProviderMessageId,
            ["LastError"] = Truncate(e.LastError),
            ["BounceReason"] = Truncate(e.BounceReason),
        };
        return entity;
    }

    private static NoticeStateEntry FromEntity(TableEntity t) => new()
    {
        NoticeId = t.PartitionKey,
        State = Enum.Parse<NoticeState>(t.GetString("State") ?? nameof(NoticeState.Pending)),
        Kind = Enum.Parse<NoticeKind>(t.GetString("Kind") ?? throw new InvalidOperationException($"Notice state {t.PartitionKey} has no Kind.")),
        AssignmentId = t.GetString("AssignmentId") ?? string.Empty,
        Recipient = t.GetString("Recipient") ?? string.Empty,
        Subject = t.GetString("Subject") ?? string.Empty,
        NoticeJson = t.GetString("NoticeJson") ?? string.Empty,
        Attempts = t.GetInt32("Attempts") ?? 0,
        ClaimedAt = t.GetDateTimeOffset("ClaimedAt"),
        SentAt = t.GetDateTimeOffset("SentAt"),
        ProviderMessageId = t.GetString("ProviderMessageId"),
        LastError = t.GetString("LastError"),
        BounceReason = t.GetString("BounceReason"),
        ETag = t.ETag.ToString(),
    };

    private static string? Truncate(string? value) => value is { Length: > 4000 } ? value[..4000] : value;

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createGate.Release();
        }
    }
}
