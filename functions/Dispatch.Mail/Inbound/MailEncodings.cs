using System.Text;

namespace Dispatch.Mail.Inbound;

/// <summary>Charset lookup for inbound mail, with the code-page encodings (GB18030, GBK, Big5…) registered.</summary>
internal static class MailEncodings
{
    static MailEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Returns the encoding for a MIME charset name; GB2312 and GBK map to GB18030 (a superset), unknown names to UTF-8.</summary>
    public static Encoding Get(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
        {
            return Encoding.UTF8;
        }

        var name = charset.Trim().Trim('"', '\'').ToLowerInvariant();
        if (name is "gb2312" or "gbk" or "cp936" or "x-gbk" or "euc-cn" or "gb_2312-80" or "hz-gb-2312")
        {
            name = "gb18030";
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
