using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Dispatch.Functions.Tests.Infrastructure;

/// <summary>The host in memory with fixed keys, the manual clock and a private data directory.</summary>
public class DispatchAppFactory : WebApplicationFactory<Program>
{
    public const string HrKey = "hr-key-0123456789abcdefghij";
    public const string ManagerKey = "manager-key-0123456789abcdefghij";
    public const string AdminKey = "admin-key-0123456789abcdefghij";
    public const string SigningKey = "signing-key-0123456789abcdefghij-0123456789";

    public static readonly DateTimeOffset ClockStart = new(2023, 7, 1, 1, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;

    public DispatchAppFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    internal DispatchAppFactory(IDictionary<string, string?> overrides)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "dispatch-host-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Dispatch:Environment"] = "Development",
            ["Dispatch:DataDirectory"] = DataDirectory,
            ["Dispatch:Keys:Hr"] = HrKey,
            ["Dispatch:Keys:Manager"] = ManagerKey,
            ["Dispatch:Keys:Admin"] = AdminKey,
            ["Dispatch:Keys:TokenSigning"] = SigningKey,
            ["Dispatch:Clock:Mode"] = "Manual",
            ["Dispatch:Storage:Mode"] = "InMemory",
            ["Dispatch:Clock:Start"] = ClockStart.ToString("O"),
            ["Dispatch:Mail:OutboxDirectory"] = Path.Combine(DataDirectory, "outbox"),
        };
        foreach (var (key, value) in overrides)
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    public HttpClient CreateClient(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseEnvironment("Development");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
