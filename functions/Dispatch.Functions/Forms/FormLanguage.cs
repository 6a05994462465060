using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>Chooses the page language: <c>?lang=</c> first, then Accept-Language, else Simplified Chinese.</summary>
internal static class FormLanguage
{
    /// <summary>The offset of the times pages show and read: Beijing time (UTC+8), as in the workflow's notices.</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(8);

    /// <summary>Resolves the language of the page for <paramref name="request"/>.</summary>
    public static NoticeLanguage Resolve(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Query.TryGetValue("lang", out var lang) && FromTag(lang.ToString()) is { } chosen)
        {
            return chosen;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage;
        if (accepted is { Count: > 0 })
        {
            foreach (var item in accepted.OrderByDescending(a => a.Quality ?? 1))
            {
                if (FromTag(item.Value.ToString()) is { } language)
                {
                    return language;
                }
            }
        }

        return NoticeLanguage.ZhCn;
    }

    /// <summary>The <c>lang</c> attribute value for the page.</summary>
    public static string Tag(NoticeLanguage language) => language == NoticeLanguage.En ? "en" : "zh-CN";

    private static NoticeLanguage? FromTag(string tag) =>
        tag.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? NoticeLanguage.En
        : tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? NoticeLanguage.ZhCn
        : null;
}
