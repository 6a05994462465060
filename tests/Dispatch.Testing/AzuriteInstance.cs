using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Dispatch.Testing;

/// <summary>
/// One Azurite Table service process on 127.0.0.1 and a free port, from the pinned <c>azurite</c> package
/// under <c>node_modules</c>. In memory by default; with a data folder it survives <see cref="StopAsync"/>
/// and <see cref="StartAsync"/>, which fault tests use to take storage away and bring it back.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    /// <summary>The well-known development storage account key that Azurite accepts.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The development storage account name.</summary>
    public const string AccountName = "devstoreaccount1";

    private readonly string? _location;
    private Process? _process;

    private AzuriteInstance(int port, string? location)
    {
        Port = port;
        _location = location;
    }

    /// <summary>Gets how long a start may take before it is abandoned.</summary>
    public static TimeSpan StartTimeout { get; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets the Table service port.</summary>
    public int Port { get; }

    /// <summary>Gets the Table service endpoint, account included.</summary>
    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{AccountName}");

    /// <summary>Gets a connection string for this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};TableEndpoint={TableEndpoint};";

    /// <summary>Gets whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new instance on a free port; in memory unless <paramref name="location"/> is given.</summary>
    public static async Task<AzuriteInstance> StartNewAsync(string? location = null, CancellationToken cancellationToken = default)
    {
        var instance = new AzuriteInstance(FreePort(), location);
        await instance.StartAsync(cancellationToken).ConfigureAwait(false);
        return instance;
    }

    /// <summary>Starts (or restarts) the process on the same port and waits until it listens.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var script = Path.Combine(RepositoryPaths.RepositoryRoot, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite is not installed at {script}; run `npm ci` in the repository root (./dispatch test does it).");
        }

        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "azurite-watchdog.js"));
        psi.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        psi.ArgumentList.Add(script);
        foreach (var arg in new[] { "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--skipApiVersionCheck", "--disableProductStyleUrl", "--disableTelemetry", "--silent" })
        {
            psi.ArgumentList.Add(arg);
        }

        if (_location is null)
        {
            psi.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(_location);
            psi.ArgumentList.Add("--location");
            psi.ArgumentList.Add(_location);
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"Azurite exited during start-up: {output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        // Generous: on a loaded two-core CI machine node can take a minute or more to start.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            await started.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            await StopAsync().ConfigureAwait(false);
            string log;
            lock (output)
            {
                log = output.ToString();
            }

            throw new InvalidOperationException($"Azurite did not start on port {Port} within {StartTimeout.TotalSeconds:0} s. Output: {log}", ex);
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (line.Contains("successfully started", StringComparison.OrdinalIgnoreCase))
            {
                started.TrySetResult();
            }
        }
    }

    /// <summary>Kills the process (as a crash would) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// Shuts Azurite down as an outage would take a real account away: what it acknowledged is kept. Azurite
    /// saves its data only every few seconds, so a kill would also lose the last writes, which real storage
    /// never does; this sends SIGINT, lets it save and close, and kills it only if it hangs.
    /// </summary>
    public async Task ShutdownAsync()
    {
        if (_process is null || _process.HasExited)
        {
            await StopAsync().ConfigureAwait(false);
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false }))
        {
            if (signal is not null)
            {
                await signal.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // It did not close: fall through to the kill.
        }

        await StopAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
