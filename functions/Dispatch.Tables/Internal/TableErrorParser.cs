using System.Text.Json;
using Azure;
using Azure.Core;

namespace Dispatch.Tables.Internal;

/// <summary>
/// Reads the error code and message from a failed Table response: <c>x-ms-error-code</c> first, then the
/// JSON <c>odata.error</c> body, then the XML <c>&lt;Error&gt;</c> body that auth failures get.
/// </summary>
internal sealed class TableErrorParser : RequestFailedDetailsParser
{
    public static readonly TableErrorParser Instance = new();

    public override bool TryParse(Response response, out ResponseError? error, out IDictionary<string, string>? data)
    {
        data = null;
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? message = null;
        var content = response.ContentStream is null ? default : response.Content.ToMemory();
        if (!content.IsEmpty)
        {
            (var bodyCode, message) = ParseBody(content.Span);
            code ??= bodyCode;
        }

        if (string.IsNullOrEmpty(code) && message is null)
        {
            error = null;
            return false;
        }

        error = new ResponseError(string.IsNullOrEmpty(code) ? null : code, message);
        return true;
    }

    /// <summary>Returns the code and message of an error body, JSON or XML; nulls when there is none.</summary>
    internal static (string? Code, string? Message) ParseBody(ReadOnlySpan<byte> body)
    {
        var first = body.TrimStart(" \t\r\n"u8);
        if (first.IsEmpty)
        {
            return (null, null);
        }

        if (first[0] == (byte)'{')
        {
            try
            {
                return ParseJson(first);
            }
            catch (JsonException)
            {
                return (null, null);
            }
        }

        if (first[0] == (byte)'<')
        {
            var text = System.Text.Encoding.UTF8.GetString(first);
            return (XmlElement(text, "Code"), XmlElement(text, "Message"));
        }

        return (null, null);
    }

    private static (string? Code, string? Message) ParseJson(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? code = null;
        string? message = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.ValueTextEquals("code"u8))
            {
                reader.Read();
                code ??= reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("value"u8) || (reader.ValueTextEquals("message"u8) && message is null))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
            }
        }

        return (code, message);
    }

    private static string? XmlElement(string xml, string name)
    {
        var open = xml.IndexOf($"<{name}>", StringComparison.Ordinal);
        if (open < 0)
        {
            return null;
        }

        open += name.Length + 2;
        var close = xml.IndexOf($"</{name}>", open, StringComparison.Ordinal);
        return close < 0 ? null : System.Net.WebUtility.HtmlDecode(xml[open..close]);
    }
}
