using System.Net;
using System.Text.RegularExpressions;

namespace Dispatch.Functions.Tests.Infrastructure;

/// <summary>Reads what a browser would from the server-rendered forms.</summary>
public static partial class FormScraper
{
    public static string AntiforgeryToken(string html)
    {
        var match = HiddenToken().Match(html);
        match.Success.ShouldBeTrue("the form carries no anti-forgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public static string? ErrorFor(string html, string field)
    {
        var match = Regex.Match(html, $"<p class=\"error\" id=\"{Regex.Escape(field)}-error\">([^<]*)</p>");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    public static string? ValueOf(string html, string field)
    {
        var match = Regex.Match(html, $"name=\"{Regex.Escape(field)}\"[^>]*value=\"([^\"]*)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex HiddenToken();
}
