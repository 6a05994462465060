namespace Dispatch.Mail.Templates;

/// <summary>A file attached to an email.</summary>
/// <param name="FileName">File name shown to the recipient.</param>
/// <param name="ContentType">MIME type, parameters included (e.g. <c>text/calendar; method=REQUEST; charset=UTF-8</c>).</param>
/// <param name="Content">The bytes.</param>
public sealed record MailAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content);
