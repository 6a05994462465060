using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Testing;

namespace Dispatch.Functions.Tests.Deployment;

/// <summary>The built host (<c>dotnet Dispatch.Functions.dll</c>) as a real process with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set.</summary>
public sealed class CustomHandlerProcess : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "dispatch-handler-tests", Guid.NewGuid().ToString("N"));
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _output = new();
    private Process? _process;
    private HttpClient? _client;

    public HttpClient Client => _client ?? throw new InvalidOperationException("The handler did not start.");

    public async Task InitializeAsync()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(RepositoryPaths.RepositoryRoot, "functions", "Dispatch.Functions", "bin", configuration, "net10.0");
        var dll = Path.Combine(folder, "Dispatch.Functions.dll");
        File.Exists(dll).ShouldBeTrue($"build the host first: {dll}");

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Dispatch__Environment"] = "Development";
        start.Environment["Dispatch__DataDirectory"] = _dataDirectory;
        start.Environment["Dispatch__Keys__Hr"] = DispatchAppFactory.HrKey;
        start.Environment["Dispatch__Keys__Manager"] = DispatchAppFactory.ManagerKey;
        start.Environment["Dispatch__Keys__Admin"] = DispatchAppFactory.AdminKey;
        start.Environment["Dispatch__Mail__Mode"] = "Outbox";

        // The real binary stores its state in Table Storage, as it would in Azure: here the test Azurite.
        var azurite = await AzuriteFixture.GetSharedAsync();
        start.Environment["Dispatch__Storage__ConnectionString"] = azurite.ConnectionString;
        start.Environment["Dispatch__TaskHub"] = "handler" + Guid.NewGuid().ToString("N")[..8];
        start.Environment["Logging__LogLevel__Default"] = "Information";

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Observe(e.Data);
        _process.ErrorDataReceived += (_, e) => Observe(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The handler exited:\n{Output()}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        // Start-up is awaited on the host's own "Now listening on" line, never by sleeping; the limit only
        // stops a broken start from hanging the run.
        var address = await _listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        address.ShouldBe($"http://127.0.0.1:{port}");
        _client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        const string Marker = "Now listening on: ";
        var at = line.IndexOf(Marker, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(line[(at + Marker.Length)..].Trim());
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }
}
