namespace Dispatch.Functions;

/// <summary>Chooses where the host listens: the Functions host's port when it starts us as a custom handler.</summary>
internal static class HostPort
{
    /// <summary>The variable the Azure Functions host sets for a custom handler.</summary>
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static void Configure(WebApplicationBuilder builder)
    {
        var port = builder.Configuration[CustomHandlerPortVariable];
        if (!string.IsNullOrEmpty(port))
        {
            if (!int.TryParse(port, System.Globalization.CultureInfo.InvariantCulture, out var value) || value is < 1 or > 65535)
            {
                throw new InvalidOperationException($"{CustomHandlerPortVariable} must be a port number from 1 to 65535, not '{port}'.");
            }

            builder.WebHost.UseUrls($"http://127.0.0.1:{value}");
        }
    }
}
