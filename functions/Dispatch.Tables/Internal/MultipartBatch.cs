using System.Buffers;
using System.Globalization;
using System.Text;
using Azure.Core;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Writes the multipart/mixed body of an entity group transaction (<c>$batch</c>) and reads its answer.
/// Sub-request URLs are absolute and JSON bodies single-line, as both Azure and Azurite require.
/// </summary>
internal static class MultipartBatch
{
    /// <summary>One answered action: its HTTP status, headers and body.</summary>
    internal readonly record struct Part(int Status, string ReasonPhrase, List<HttpHeader> Headers, ReadOnlyMemory<byte> Body);

    public static byte[] Write(string batchBoundary, string changesetBoundary, string tableUrl, IReadOnlyList<TableTransactionAction> actions)
    {
        var buffer = new ArrayBufferWriter<byte>(1024 + (actions.Count * 512));
        Ascii(buffer, $"--{batchBoundary}\r\nContent-Type: multipart/mixed; boundary={changesetBoundary}\r\n\r\n");
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            Ascii(buffer, $"--{changesetBoundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            var (verb, hasBody, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", true, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, IfMatch(action)),
                TableTransactionActionType.UpdateReplace => ("PUT", true, IfMatch(action)),
                TableTransactionActionType.Delete => ("DELETE", false, IfMatch(action)),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, (string?)null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                _ => throw new ArgumentException($"Transaction action {i} has an unknown type {action.ActionType}.", "transactionActions"),
            };
            Ascii(buffer, verb);
            buffer.Write(" "u8);
            Ascii(buffer, tableUrl);
            if (action.ActionType != TableTransactionActionType.Add)
            {
                Ascii(buffer, string.Concat("(PartitionKey='", TableRestClient.EscapeKey(entity.PartitionKey), "',RowKey='", TableRestClient.EscapeKey(entity.RowKey), "')"));
            }

            buffer.Write(" HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n"u8);
            if (ifMatch is not null)
            {
                Ascii(buffer, $"If-Match: {ifMatch}\r\n");
            }

            if (hasBody)
            {
                buffer.Write("Prefer: return-no-content\r\nContent-Type: application/json\r\n\r\n"u8);
                byte[] json;
                try
                {
                    json = EntitySerializer.Serialize(entity);
                }
                catch (ArgumentException ex)
                {
                    throw new ArgumentException($"Transaction action {i}: {ex.Message}", "transactionActions", ex);
                }

                buffer.Write(json);
                buffer.Write("\r\n"u8);
            }
            else
            {
                buffer.Write("\r\n"u8);
            }
        }

        Ascii(buffer, $"--{changesetBoundary}--\r\n--{batchBoundary}--\r\n");
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the parts of a <c>$batch</c> answer: the change set's responses, in action order.</summary>
    public static List<Part> Parse(string contentType, ReadOnlyMemory<byte> body)
    {
        var result = new List<Part>();
        foreach (var (headers, content) in SplitMultipart(body, BoundaryOf(contentType)))
        {
            var partType = Find(headers, "Content-Type") ?? string.Empty;
            if (partType.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var (_, inner) in SplitMultipart(content, BoundaryOf(partType)))
                {
                    result.Add(ParseHttp(inner));
                }
            }
            else if (partType.StartsWith("application/http", StringComparison.OrdinalIgnoreCase))
            {
                result.Add(ParseHttp(content));
            }
        }

        return result;
    }

    private static string IfMatch(TableTransactionAction action) => action.ETag == default ? "*" : action.ETag.ToString();

    private static void Ascii(ArrayBufferWriter<byte> buffer, string text)
    {
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private static string BoundaryOf(string contentType)
    {
        var at = contentType.IndexOf("boundary=", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            throw new FormatException($"The multipart content type '{contentType}' has no boundary.");
        }

        var value = contentType.AsSpan(at + "boundary=".Length);
        var semicolon = value.IndexOf(';');
        if (semicolon >= 0)
        {
            value = value[..semicolon];
        }

        return value.Trim().Trim('"').ToString();
    }

    private static string? Find(List<HttpHeader> headers, string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value;
            }
        }

        return null;
    }

    private static List<(List<HttpHeader> Headers, ReadOnlyMemory<byte> Content)> SplitMultipart(ReadOnlyMemory<byte> body, string boundary)
    {
        var parts = new List<(List<HttpHeader>, ReadOnlyMemory<byte>)>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var span = body.Span;
        var at = span.IndexOf(delimiter);
        while (at >= 0)
        {
            var afterDelimiter = at + delimiter.Length;
            if (span[afterDelimiter..].StartsWith("--"u8))
            {
                break;
            }

            var partStart = SkipLine(span, afterDelimiter);
            var next = span[partStart..].IndexOf(delimiter);
            var partEnd = next < 0 ? span.Length : partStart + next;
            var part = body[partStart..TrimLineEnd(span, partStart, partEnd)];
            var headers = ReadHeaders(part.Span, out var contentStart);
            parts.Add((headers, part[contentStart..]));
            at = next < 0 ? -1 : partEnd;
        }

        return parts;
    }

    private static Part ParseHttp(ReadOnlyMemory<byte> message)
    {
        var span = message.Span;
        var lineEnd = span.IndexOf((byte)'\n');
        var statusLine = Encoding.ASCII.GetString(lineEnd < 0 ? span : span[..lineEnd]).TrimEnd('\r');
        var pieces = statusLine.Split(' ', 3);
        if (pieces.Length < 2 || !int.TryParse(pieces[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"The batch part's status line '{statusLine}' is not an HTTP status line.");
        }

        var rest = lineEnd < 0 ? ReadOnlyMemory<byte>.Empty : message[(lineEnd + 1)..];
        var headers = ReadHeaders(rest.Span, out var bodyStart);
        return new Part(status, pieces.Length > 2 ? pieces[2] : string.Empty, headers, rest[bodyStart..]);
    }

    /// <summary>Reads "Name: value" lines up to the first empty line; <paramref name="contentStart"/> is where the body begins.</summary>
    private static List<HttpHeader> ReadHeaders(ReadOnlySpan<byte> block, out int contentStart)
    {
        var headers = new List<HttpHeader>();
        var pos = 0;
        while (pos < block.Length)
        {
            var nl = block[pos..].IndexOf((byte)'\n');
            var line = nl < 0 ? block[pos..] : block[pos..(pos + nl)];
            pos = nl < 0 ? block.Length : pos + nl + 1;
            if (!line.IsEmpty && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                headers.Add(new HttpHeader(Encoding.ASCII.GetString(line[..colon]).Trim(), Encoding.UTF8.GetString(line[(colon + 1)..]).Trim()));
            }
        }

        contentStart = pos;
        return headers;
    }

    private static int SkipLine(ReadOnlySpan<byte> span, int from)
    {
        var nl = span[from..].IndexOf((byte)'\n');
        return nl < 0 ? span.Length : from + nl + 1;
    }

    private static int TrimLineEnd(ReadOnlySpan<byte> span, int start, int end)
    {
        if (end > start && span[end - 1] == (byte)'\n')
        {
            end--;
            if (end > start && span[end - 1] == (byte)'\r')
            {
                end--;
            }
        }

        return end;
    }
}
