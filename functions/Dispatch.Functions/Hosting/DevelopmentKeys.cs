using System.Security.Cryptography;
using System.Text.Json;

namespace Dispatch.Functions.Hosting;

/// <summary>
/// In development, fills missing role keys from <c>{DataDirectory}/keys.json</c>, creating that file with fresh
/// random keys on first start, so <c>./dispatch run</c> works without any set-up and the keys stay stable.
/// </summary>
internal static class DevelopmentKeys
{
    /// <summary>The file name under the data directory.</summary>
    public const string FileName = "keys.json";

    private static readonly JsonSerializerOptions FileJson = new() { WriteIndented = true };

    /// <summary>Adds generated keys to the configuration when in development and any key is missing.</summary>
    /// <returns>The path of the keys file used, or null when nothing was generated or loaded.</returns>
    public static string? Apply(IConfigurationManager configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var environment = configuration["Dispatch:Environment"];
        if (!string.Equals(environment, DispatchHostOptions.DevelopmentEnvironment, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string[] roles = ["Hr", "Manager", "Admin", "TokenSigning"];
        if (roles.All(r => !string.IsNullOrEmpty(configuration[$"Dispatch:Keys:{r}"])))
        {
            return null;
        }

        var directory = Path.GetFullPath(configuration["Dispatch:DataDirectory"] is { Length: > 0 } d ? d : ".data");
        var path = Path.Combine(directory, FileName);
        var keys = File.Exists(path) ? Read(path) : new Dictionary<string, string>(StringComparer.Ordinal);
        var changed = false;
        foreach (var role in roles)
        {
            if (!keys.TryGetValue(role, out var existing) || string.IsNullOrEmpty(existing))
            {
                keys[role] = NewKey();
                changed = true;
            }
        }

        if (changed)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, JsonSerializer.Serialize(keys, FileJson));
        }

        configuration.AddInMemoryCollection(roles
            .Where(r => string.IsNullOrEmpty(configuration[$"Dispatch:Keys:{r}"]))
            .Select(r => new KeyValuePair<string, string?>($"Dispatch:Keys:{r}", keys[r])));
        return path;
    }

    /// <summary>A fresh 256-bit key as URL-safe text.</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Dictionary<string, string> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"The development keys file '{path}' is empty; delete it to generate new keys.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"The development keys file '{path}' is not valid JSON; delete it to generate new keys.", ex);
        }
    }
}
