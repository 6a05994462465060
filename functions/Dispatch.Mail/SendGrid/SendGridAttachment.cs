namespace Dispatch.Mail.SendGrid;

/// <summary>An attachment of a SendGrid message.</summary>
/// <param name="Content">Plain base64 of the bytes (no data-URL prefix).</param>
/// <param name="Type">MIME type.</param>
/// <param name="Filename">File name.</param>
/// <param name="Disposition"><c>attachment</c> or <c>inline</c>.</param>
/// <param name="ContentId">Content id for inline images, or null.</param>
public sealed record SendGridAttachment(string Content, string Type, string Filename, string Disposition = "attachment", string? ContentId = null);
