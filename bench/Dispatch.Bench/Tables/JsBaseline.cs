using System.Diagnostics;
using System.Globalization;
using Dispatch.Testing;

namespace Dispatch.Bench.Tables;

/// <summary>The node process running js/tables-bench.mjs with @azure/data-tables; one command at a time over stdin.</summary>
internal sealed class JsBaseline : IDisposable
{
    private readonly Process _process;

    private JsBaseline(Process process)
    {
        _process = process;
    }

    public static async Task<JsBaseline> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var script = Path.Combine(RepositoryPaths.RepositoryRoot, "bench", "Dispatch.Bench", "Tables", "js", "tables-bench.mjs");
        var psi = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(connectionString);
        var process = Process.Start(psi) ?? throw new InvalidOperationException("node did not start.");
        var baseline = new JsBaseline(process);
        var ready = await process.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready != "READY")
        {
            baseline.Dispose();
            throw new InvalidOperationException($"The JS baseline did not start (said '{ready}'); is node_modules installed (npm ci)?");
        }

        return baseline;
    }

    /// <summary>Runs one measurement and returns operations per second.</summary>
    public async Task<double> MeasureAsync(string op, string table, int concurrency, double seconds, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"run {op} {table} {concurrency} {seconds}"));
        await _process.StandardInput.FlushAsync(cancellationToken);
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new InvalidOperationException("The JS baseline exited.");
        var parts = line.Split(' ');
        if (parts[0] != "DONE")
        {
            throw new InvalidOperationException($"The JS baseline failed on {op} c{concurrency}: {line}");
        }

        var count = double.Parse(parts[1], CultureInfo.InvariantCulture);
        var ms = double.Parse(parts[2], CultureInfo.InvariantCulture);
        return count / (ms / 1000);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.WriteLine("quit");
                if (!_process.WaitForExit(2000))
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _process.Dispose();
        }
    }
}
