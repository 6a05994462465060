using System.Collections.Frozen;

namespace Dispatch.Mail.Templates;

/// <summary>What each notice kind's template needs, so composers can check a notice before sending it.</summary>
public static class NoticeTemplates
{
    private static readonly FrozenDictionary<(NoticeKind, NoticeLanguage), CompiledTemplate> Compiled =
        NoticeTemplateCatalog.All.ToFrozenDictionary(p => p.Key, p => CompiledTemplate.Compile(p.Value));

    /// <summary>Returns the model keys the kind's template uses (both languages), sorted.</summary>
    public static IReadOnlyList<string> RequiredKeys(NoticeKind kind) =>
        [.. Get(kind, NoticeLanguage.ZhCn).Keys.Union(Get(kind, NoticeLanguage.En).Keys).Where(k => k != "recipientName").Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Returns the link names (<see cref="NoticeLinkNames"/>) the kind's template shows.</summary>
    public static IReadOnlyList<string> RequiredLinks(NoticeKind kind) => [.. Get(kind, NoticeLanguage.ZhCn).Actions.Select(a => a.Link).Distinct()];

    internal static CompiledTemplate Get(NoticeKind kind, NoticeLanguage language) =>
        Compiled.TryGetValue((kind, language), out var t)
            ? t
            : throw new ArgumentException($"No template for notice kind {kind} in {language}.", nameof(kind));
}
