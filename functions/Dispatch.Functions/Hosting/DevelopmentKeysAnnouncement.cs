using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Hosting;

/// <summary>Prints the development keys once the host has started, so <c>./dispatch run</c> users can call the API.</summary>
internal static class DevelopmentKeysAnnouncement
{
    /// <summary>Prints the keys to standard output when they came from the development keys file.</summary>
    public static void AnnounceDevelopmentKeys(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = app.Services.GetRequiredService<DevelopmentKeysFile>();
        if (file.Path is null)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var keys = app.Services.GetRequiredService<IOptions<DispatchHostOptions>>().Value.Keys;
            Console.Out.WriteLine($"""
                dispatch: development keys (stored in {file.Path}); send one as the x-functions-key header or ?code=
                  HR:      {keys.Hr}
                  Manager: {keys.Manager}
                  Admin:   {keys.Admin}
                """);
        });
    }
}
