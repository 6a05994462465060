using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Transport;

/// <summary>
/// The outbox's index, <c>index.jsonl</c> in the outbox folder: one JSON <see cref="OutboxEntry"/> a line, appended
/// as messages are written. A notice written again (an in-doubt retry) appears again; readers keep the last line.
/// </summary>
public sealed class OutboxIndex : IDisposable
{
    /// <summary>The index file name.</summary>
    public const string FileName = "index.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lock _gate = new();
    private FileStream? _writer;

    /// <summary>Creates the index for the configured outbox folder.</summary>
    public OutboxIndex(IOptions<MailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory = Path.GetFullPath(options.Value.OutboxDirectory);
    }

    /// <summary>Gets the absolute outbox folder.</summary>
    public string Directory { get; }

    /// <summary>Returns the full path of a notice's <c>.eml</c> file (which may not exist).</summary>
    public string PathOf(string noticeId)
    {
        if (noticeId is not { Length: 32 } || !noticeId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"Notice id '{noticeId}' is not 32 lower-case hex digits.", nameof(noticeId));
        }

        return Path.Combine(Directory, noticeId + ".eml");
    }

    /// <summary>Lists messages, newest last, optionally filtered by a recipient, kind or assignment (exact, case-insensitive).</summary>
    public IReadOnlyList<OutboxEntry> List(string? to = null, string? kind = null, string? assignmentId = null)
    {
        var path = Path.Combine(Directory, FileName);
        if (!File.Exists(path))
        {
            return [];
        }

        string[] lines;
        lock (_gate)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        var byId = new Dictionary<string, OutboxEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var line in lines)
        {
            OutboxEntry? e;
            try
            {
                e = JsonSerializer.Deserialize<OutboxEntry>(line, Json);
            }
            catch (JsonException)
            {
                continue;
            }

            if (e is null)
            {
                continue;
            }

            if (byId.ContainsKey(e.NoticeId))
            {
                order.Remove(e.NoticeId);
            }

            byId[e.NoticeId] = e;
            order.Add(e.NoticeId);
        }

        return [.. order.Select(id => byId[id]).Where(e =>
            (to is null || e.To.Concat(e.Cc).Contains(to, StringComparer.OrdinalIgnoreCase))
            && (kind is null || string.Equals(e.Kind.ToString(), kind, StringComparison.OrdinalIgnoreCase))
            && (assignmentId is null || string.Equals(e.AssignmentId, assignmentId, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    /// <summary>Appends one entry.</summary>
    internal void Append(OutboxEntry entry)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, Json);
        lock (_gate)
        {
            // One append handle for the process; flushed per entry so readers see every written message.
            _writer ??= new FileStream(Path.Combine(Directory, FileName), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            _writer.Write(line);
            _writer.WriteByte((byte)'\n');
            _writer.Flush();
        }
    }
}
