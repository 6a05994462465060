using Dispatch.Tables;

namespace Dispatch.Mail.Inbound;

/// <summary>
/// <see cref="IInboundMessageStore"/> on Table Storage. A message is one partition (PartitionKey = id): chunk
/// entities <c>c00000…</c> hold the body in binary properties of up to 60 KiB, 12 per entity (under the 1 MiB entity
/// limit), and a <c>meta</c> entity written last holds the headers and the chunk count, so a half-written message
/// is never read. Writes are upserts, so a re-posted message replaces itself.
/// </summary>
public sealed class TableInboundMessageStore : IInboundMessageStore
{
    private const int PropertyBytes = 60 * 1024;
    private const int PropertiesPerChunk = 12;
    private const int ChunkBytes = PropertyBytes * PropertiesPerChunk;
    private readonly TableClient _table;
    private readonly SemaphoreSlim _createGate = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates the store over <paramref name="table"/>; the table is created on first use.</summary>
    public TableInboundMessageStore(TableClient table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
    }

    /// <inheritdoc />
    public async Task SaveAsync(InboundRawMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var chunks = (message.Body.Length + ChunkBytes - 1) / ChunkBytes;
        for (var c = 0; c < chunks; c++)
        {
            var entity = new TableEntity(message.Id, ChunkKey(c));
            var chunk = message.Body.Slice(c * ChunkBytes, Math.Min(ChunkBytes, message.Body.Length - (c * ChunkBytes)));
            for (var p = 0; p * PropertyBytes < chunk.Length; p++)
            {
                entity["D" + p.ToString("00", System.Globalization.CultureInfo.InvariantCulture)] = chunk.Slice(p * PropertyBytes, Math.Min(PropertyBytes, chunk.Length - (p * PropertyBytes))).ToArray();
            }

            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        var meta = new TableEntity(message.Id, "meta")
        {
            ["ReceivedAt"] = message.ReceivedAt,
            ["ContentType"] = Cut(message.ContentType, 1024),
            ["Length"] = message.Body.Length,
            ["Chunks"] = chunks,
            ["Truncated"] = message.Truncated,
            ["Outcome"] = Cut(message.Outcome, 1024),
            ["NoticeId"] = message.NoticeId,
            ["From"] = Cut(message.From, 1024),
            ["Subject"] = Cut(message.Subject, 2048),
        };
        await _table.UpsertEntityAsync(meta, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InboundRawMessage?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var metaResponse = await _table.GetEntityIfExistsAsync<TableEntity>(id, "meta", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!metaResponse.HasValue)
        {
            return null;
        }

        var meta = metaResponse.Value!;
        var body = new byte[meta.GetInt32("Length") ?? 0];
        var chunks = meta.GetInt32("Chunks") ?? 0;
        var offset = 0;
        for (var c = 0; c < chunks; c++)
        {
            var chunk = (await _table.GetEntityAsync<TableEntity>(id, ChunkKey(c), cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            for (var p = 0; p < PropertiesPerChunk; p++)
            {
                var data = chunk.GetBinary("D" + p.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
                if (data is null)
                {
                    break;
                }

                data.CopyTo(body, offset);
                offset += data.Length;
            }
        }

        return new InboundRawMessage(
            id,
            meta.GetDateTimeOffset("ReceivedAt") ?? default,
            meta.GetString("ContentType") ?? string.Empty,
            body,
            meta.GetBoolean("Truncated") ?? false,
            meta.GetString("Outcome") ?? string.Empty,
            meta.GetString("NoticeId"),
            meta.GetString("From"),
            meta.GetString("Subject"));
    }

    private static string ChunkKey(int c) => "c" + c.ToString("00000", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Cut(string? value, int max) => value is { } v && v.Length > max ? v[..max] : value;

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
