namespace Dispatch.Mail.Templates;

/// <summary>
/// The text of one notice kind in one language. Strings hold placeholders <c>{key}</c> or <c>{key:format}</c>
/// (formats: date, datetime, month, int, number, yuan, lines, grade, reviewKind, reviewerRole); <c>{recipientName}</c>
/// is the first recipient's name. The layout (HTML tables, plain text) is the same for every kind.
/// </summary>
/// <param name="Subject">Subject line.</param>
/// <param name="Heading">Heading at the top of the body.</param>
/// <param name="Paragraphs">Body paragraphs.</param>
/// <param name="Facts">Label/value rows shown as a table.</param>
/// <param name="Actions">Buttons: link name and label.</param>
internal sealed record NoticeTemplate(
    string Subject,
    string Heading,
    IReadOnlyList<string> Paragraphs,
    IReadOnlyList<(string Label, string Value)> Facts,
    IReadOnlyList<(string Link, string Label)> Actions)
{
    /// <summary>Gets whether the body ends with the check-in reply form (label: value lines to fill in).</summary>
    public bool ReplyForm { get; init; }
}
