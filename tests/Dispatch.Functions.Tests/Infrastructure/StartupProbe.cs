using Dispatch.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dispatch.Functions.Tests.Infrastructure;

/// <summary>
/// Starts the host's service set-up on a loopback port to see whether start-up is refused, without
/// WebApplicationFactory (which races with a host that fails to start).
/// </summary>
public static class StartupProbe
{
    public static async Task<Exception?> StartAsync(IDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Dispatch:Environment"] = "Development",
            ["Dispatch:DataDirectory"] = Path.Combine(Path.GetTempPath(), "dispatch-host-tests", Guid.NewGuid().ToString("N")),
            ["Dispatch:Keys:Hr"] = DispatchAppFactory.HrKey,
            ["Dispatch:Keys:Manager"] = DispatchAppFactory.ManagerKey,
            ["Dispatch:Keys:Admin"] = DispatchAppFactory.AdminKey,
            ["Dispatch:Keys:TokenSigning"] = DispatchAppFactory.SigningKey,
            ["Dispatch:Storage:Mode"] = "InMemory",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddDispatchHost();
        try
        {
            // Some validation fails while the container is built (a singleton reads the options), some at start.
            await using var app = builder.Build();
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception ex) when (ex is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException)
        {
            return ex;
        }
        finally
        {
            if (Directory.Exists(settings["Dispatch:DataDirectory"]))
            {
                Directory.Delete(settings["Dispatch:DataDirectory"]!, recursive: true);
            }
        }
    }
}
