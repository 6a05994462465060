using System.Text.Encodings.Web;
using System.Text.Json;

namespace Dispatch.Mail.SendGrid;

/// <summary>
/// A v3 Mail Send request body. <see cref="ToJson"/> writes the fields in a fixed order with text/plain before
/// text/html, as SendGrid requires, and leaves out empty optional fields.
/// </summary>
public sealed class SendGridMessage
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Gets or sets the sender (a verified sender identity; ASCII).</summary>
    public required EmailAddress From { get; set; }

    /// <summary>Gets or sets the reply address, or null.</summary>
    public EmailAddress? ReplyTo { get; set; }

    /// <summary>Gets or sets the subject.</summary>
    public required string Subject { get; set; }

    /// <summary>Gets or sets the text/plain part.</summary>
    public string? PlainTextContent { get; set; }

    /// <summary>Gets or sets the text/html part.</summary>
    public string? HtmlContent { get; set; }

    /// <summary>Gets the envelopes (1 to 1,000).</summary>
    public List<Personalization> Personalizations { get; } = [];

    /// <summary>Gets the attachments.</summary>
    public List<SendGridAttachment> Attachments { get; } = [];

    /// <summary>Gets the categories (at most 10, each up to 255 characters).</summary>
    public List<string> Categories { get; } = [];

    /// <summary>Gets the message-level custom args, echoed in every event.</summary>
    public Dictionary<string, string> CustomArgs { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets extra headers (SendGrid refuses To, From, Subject, Content-Type and a few others here).</summary>
    public Dictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets whether SendGrid validates without sending.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field SendGrid would refuse.</summary>
    public void Validate()
    {
        if (Personalizations.Count is 0 or > 1000)
        {
            throw new ArgumentException($"A message needs 1 to 1,000 personalizations, not {Personalizations.Count}.", nameof(Personalizations));
        }

        if (Personalizations.Any(p => p.Tos.Count == 0))
        {
            throw new ArgumentException("Every personalization needs at least one To address.", nameof(Personalizations));
        }

        if (string.IsNullOrEmpty(Subject))
        {
            throw new ArgumentException("The subject is empty.", nameof(Subject));
        }

        if (string.IsNullOrEmpty(PlainTextContent) && string.IsNullOrEmpty(HtmlContent))
        {
            throw new ArgumentException("The message has no content.", nameof(PlainTextContent));
        }

        if (Categories.Count > 10 || Categories.Any(c => c.Length > 255) || Categories.Distinct(StringComparer.Ordinal).Count() != Categories.Count)
        {
            throw new ArgumentException("Categories must be at most 10 unique values of up to 255 characters.", nameof(Categories));
        }

        if (From.Email.Any(c => c > 127))
        {
            throw new ArgumentException($"The from address '{From.Email}' must be ASCII.", nameof(From));
        }

        var total = Personalizations.Sum(p => p.Tos.Count + p.Ccs.Count + p.Bccs.Count);
        if (total > 1000)
        {
            throw new ArgumentException($"A message may have at most 1,000 recipients, not {total}.", nameof(Personalizations));
        }
    }

    /// <summary>Serializes the request body.</summary>
    public byte[] ToJson()
    {
        Validate();
        using var buffer = new MemoryStream(4096);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("personalizations");
            foreach (var p in Personalizations)
            {
                w.WriteStartObject();
                WriteAddresses(w, "to", p.Tos);
                WriteAddresses(w, "cc", p.Ccs);
                WriteAddresses(w, "bcc", p.Bccs);
                WriteMap(w, "custom_args", p.CustomArgs);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("from");
            WriteAddress(w, From);
            if (ReplyTo is not null)
            {
                w.WritePropertyName("reply_to");
                WriteAddress(w, ReplyTo);
            }

            w.WriteString("subject", Subject);
            w.WriteStartArray("content");
            WriteContent(w, "text/plain", PlainTextContent);
            WriteContent(w, "text/html", HtmlContent);
            w.WriteEndArray();
            if (Attachments.Count > 0)
            {
                w.WriteStartArray("attachments");
                foreach (var a in Attachments)
                {
                    w.WriteStartObject();
                    w.WriteString("content", a.Content);
                    w.WriteString("type", a.Type);
                    w.WriteString("filename", a.Filename);
                    w.WriteString("disposition", a.Disposition);
                    if (a.ContentId is not null)
                    {
                        w.WriteString("content_id", a.ContentId);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            if (Categories.Count > 0)
            {
                w.WriteStartArray("categories");
                foreach (var c in Categories)
                {
                    w.WriteStringValue(c);
                }

                w.WriteEndArray();
            }

            WriteMap(w, "custom_args", CustomArgs);
            WriteMap(w, "headers", Headers);
            if (SandboxMode)
            {
                w.WriteStartObject("mail_settings");
                w.WriteStartObject("sandbox_mode");
                w.WriteBoolean("enable", true);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteAddresses(Utf8JsonWriter w, string name, List<EmailAddress> list)
    {
        if (list.Count == 0)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var a in list)
        {
            WriteAddress(w, a);
        }

        w.WriteEndArray();
    }

    private static void WriteAddress(Utf8JsonWriter w, EmailAddress a)
    {
        w.WriteStartObject();
        w.WriteString("email", a.Email);
        if (!string.IsNullOrEmpty(a.Name))
        {
            w.WriteString("name", a.Name);
        }

        w.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter w, string type, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        w.WriteStartObject();
        w.WriteString("type", type);
        w.WriteString("value", value);
        w.WriteEndObject();
    }

    private static void WriteMap(Utf8JsonWriter w, string name, Dictionary<string, string> map)
    {
        if (map.Count == 0)
        {
            return;
        }

        w.WriteStartObject(name);
        foreach (var (k, v) in map)
        {
            w.WriteString(k, v);
        }

        w.WriteEndObject();
    }
}
