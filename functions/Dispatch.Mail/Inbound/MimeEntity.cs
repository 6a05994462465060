using System.Text;

namespace Dispatch.Mail.Inbound;

/// <summary>One MIME entity: its headers and either a decoded body or child parts.</summary>
internal sealed class MimeEntity
{
    /// <summary>Gets the headers in order, names as written, values unfolded but not decoded.</summary>
    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>Gets or sets the media type, lower case (e.g. <c>text/plain</c>).</summary>
    public string MediaType { get; set; } = "text/plain";

    /// <summary>Gets the Content-Type parameters (lower-case names).</summary>
    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the decoded body of a leaf entity.</summary>
    public byte[] Body { get; set; } = [];

    /// <summary>Gets the parts of a multipart entity.</summary>
    public List<MimeEntity> Parts { get; } = [];

    /// <summary>Gets or sets the attachment file name, if any.</summary>
    public string? FileName { get; set; }

    /// <summary>Gets or sets whether Content-Disposition says attachment.</summary>
    public bool IsAttachment { get; set; }

    /// <summary>Returns the first header value with that name, decoded (RFC 2047), or null.</summary>
    public string? Header(string name)
    {
        foreach (var h in Headers)
        {
            if (string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return MimeParser.DecodeWords(h.Value);
            }
        }

        return null;
    }

    /// <summary>Returns how many headers carry that name.</summary>
    public int HeaderCount(string name) => Headers.Count(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Decodes the body as text in its charset.</summary>
    public string Text() => MailEncodings.Get(Parameters.GetValueOrDefault("charset")).GetString(Body);

    /// <summary>Enumerates this entity and every descendant, depth first.</summary>
    public IEnumerable<MimeEntity> Descendants()
    {
        yield return this;
        foreach (var p in Parts)
        {
            foreach (var d in p.Descendants())
            {
                yield return d;
            }
        }
    }

    /// <summary>Returns the first non-attachment part of the media type, decoded, or null.</summary>
    public string? FirstText(string mediaType)
    {
        foreach (var e in Descendants())
        {
            if (e.Parts.Count == 0 && !e.IsAttachment && e.MediaType == mediaType)
            {
                return e.Text();
            }
        }

        return null;
    }

    /// <summary>Returns the leaf parts that are attachments.</summary>
    public IEnumerable<MimeEntity> Attachments() => Descendants().Where(e => e.Parts.Count == 0 && (e.IsAttachment || (e.FileName is not null && !e.MediaType.StartsWith("text/", StringComparison.Ordinal))));

    /// <summary>Returns a short description for diagnostics.</summary>
    public override string ToString() => new StringBuilder().Append(MediaType).Append(" (").Append(Parts.Count).Append(" parts)").ToString();
}
