using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Dispatch.Mail;

namespace Dispatch.Functions.Forms;

/// <summary>
/// Writes the forms' HTML: one small mobile-first page (no scripts, no external assets), every value encoded.
/// </summary>
internal sealed class HtmlPage
{
    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f5f7;color:#1d2129}
        main{max-width:40rem;margin:0 auto;padding:1rem}
        header{background:#b71c1c;color:#fff;padding:.75rem 1rem}
        header h1{margin:0;font-size:1.15rem}
        .card{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
        .meta{color:#4e5969;font-size:.9rem;margin:0 0 .75rem}
        label{display:block;font-weight:600;margin:.75rem 0 .25rem}
        input[type=text],input[type=number],input[type=datetime-local],textarea,select{width:100%;padding:.6rem;border:1px solid #c9cdd4;border-radius:.35rem;font:inherit;background:#fff}
        textarea{min-height:5.5rem}
        .invalid input,.invalid textarea,.invalid select{border-color:#d32f2f;background:#fff5f5}
        .error{color:#d32f2f;font-size:.9rem;margin:.25rem 0 0}
        .hint{color:#86909c;font-size:.85rem;margin:.25rem 0 0}
        .summary{border-left:4px solid #d32f2f;background:#fff5f5;padding:.5rem .75rem;margin:0 0 1rem}
        button{display:block;width:100%;margin:1.25rem 0 0;padding:.8rem;border:0;border-radius:.35rem;background:#b71c1c;color:#fff;font:inherit;font-weight:600}
        .ok{border-left:4px solid #2e7d32}
        .lang{float:right;color:#fff;font-size:.85rem}
        fieldset{border:0;padding:0;margin:.75rem 0 0}legend{font-weight:600;margin:0 0 .25rem;padding:0}
        .opt{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:.35rem 0;padding:.6rem;border:1px solid #c9cdd4;border-radius:.35rem;background:#fff}
        .invalid .opt{border-color:#d32f2f}
        ul.items{margin:.25rem 0 .5rem;padding-left:1.25rem}.pre{white-space:pre-wrap}h3{font-size:1rem;margin:.75rem 0 .25rem}
        dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem .75rem;margin:0}dt{color:#4e5969}dd{margin:0}
        @media (min-width:48rem){main{padding:2rem 1rem}.row{display:grid;grid-template-columns:1fr 1fr;gap:0 1rem}}
        """;

    private readonly StringBuilder _body = new();
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Starts a page in <paramref name="language"/>.</summary>
    public HtmlPage(NoticeLanguage language, string title)
    {
        Language = language;
        Title = title;
    }

    /// <summary>Gets the page language.</summary>
    public NoticeLanguage Language { get; }

    /// <summary>Gets the page title.</summary>
    public string Title { get; }

    /// <summary>Encodes text for HTML content or attribute values.</summary>
    public string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>Appends trusted markup (already encoded).</summary>
    public HtmlPage Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    /// <summary>Appends an element holding encoded text.</summary>
    public HtmlPage Element(string tag, string? text, string? cssClass = null)
    {
        _body.Append('<').Append(tag);
        if (cssClass is not null)
        {
            _body.Append(" class=\"").Append(cssClass).Append('"');
        }

        _body.Append('>').Append(Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>Renders the whole document; <paramref name="otherLanguageUrl"/> adds a language switch.</summary>
    public string Render(string? otherLanguageUrl = null)
    {
        var switchLink = otherLanguageUrl is null
            ? string.Empty
            : $"<a class=\"lang\" href=\"{Encode(otherLanguageUrl)}\">{(Language == NoticeLanguage.En ? "中文" : "English")}</a>";
        var product = Language == NoticeLanguage.En ? "Village first secretaries" : "驻村第一书记管理";
        return $"""
            <!DOCTYPE html>
            <html lang="{FormLanguage.Tag(Language)}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex">
            <title>{Encode(Title)} · {Encode(product)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <header>{switchLink}<h1>{Encode(product)}</h1></header>
            <main>
            <h2>{Encode(Title)}</h2>
            {_body}
            </main>
            </body>
            </html>
            """;
    }
}
