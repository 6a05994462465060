namespace Dispatch.Functions.Tests.Browser;

/// <summary>A fact that reports itself skipped when Debian's Chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
        {
            Skip = "install Chromium: sudo apt-get install chromium";
        }
    }
}
