namespace Dispatch.Mail.Templates;

/// <summary>A <see cref="NoticeTemplate"/> with every string parsed.</summary>
internal sealed record CompiledTemplate(
    TemplateText Subject,
    TemplateText Heading,
    IReadOnlyList<TemplateText> Paragraphs,
    IReadOnlyList<(string Label, TemplateText Value)> Facts,
    IReadOnlyList<(string Link, string Label)> Actions,
    bool ReplyForm)
{
    /// <summary>Gets every model key used.</summary>
    public IEnumerable<string> Keys =>
        Subject.Keys.Concat(Heading.Keys).Concat(Paragraphs.SelectMany(p => p.Keys)).Concat(Facts.SelectMany(f => f.Value.Keys));

    /// <summary>Parses every string of <paramref name="t"/>.</summary>
    public static CompiledTemplate Compile(NoticeTemplate t) => new(
        TemplateText.Parse(t.Subject),
        TemplateText.Parse(t.Heading),
        [.. t.Paragraphs.Select(TemplateText.Parse)],
        [.. t.Facts.Select(f => (f.Label, TemplateText.Parse(f.Value)))],
        t.Actions,
        t.ReplyForm);
}
