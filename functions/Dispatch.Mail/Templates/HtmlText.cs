using System.Text;

namespace Dispatch.Mail.Templates;

/// <summary>HTML escaping for text and attribute values.</summary>
internal static class HtmlText
{
    /// <summary>Appends <paramref name="text"/> with &amp;, &lt;, &gt;, quotes escaped and line breaks as &lt;br&gt;.</summary>
    public static void Append(StringBuilder sb, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\n': sb.Append("<br>"); break;
                case '\r': break;
                default: sb.Append(c); break;
            }
        }
    }
}
