using Xunit;

namespace Dispatch.Testing;

/// <summary>
/// The Azurite instance shared by every test in one test process: started on first use on a free port,
/// in memory, and killed when the process exits. Use it through <c>IClassFixture&lt;AzuriteFixture&gt;</c>
/// or <see cref="GetSharedAsync"/>; give each test its own table names so tests never see each other.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static AzuriteInstance? _shared;
    private static int _tableCounter;

    /// <summary>Gets the shared instance once <see cref="InitializeAsync"/> has run.</summary>
    public AzuriteInstance Instance { get; private set; } = null!;

    /// <summary>Gets the connection string of the shared instance.</summary>
    public string ConnectionString => Instance.ConnectionString;

    /// <summary>Returns the process-wide instance, starting it on first call.</summary>
    public static async Task<AzuriteInstance> GetSharedAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_shared is null)
            {
                _shared = await AzuriteInstance.StartNewAsync().ConfigureAwait(false);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => _shared.StopAsync().GetAwaiter().GetResult();
            }

            return _shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Returns a table name no other test in this process uses.</summary>
    public static string UniqueTableName(string prefix = "t")
    {
        var n = Interlocked.Increment(ref _tableCounter);
        return $"{prefix}{Environment.ProcessId}x{n}";
    }

    /// <inheritdoc />
    public async Task InitializeAsync() => Instance = await GetSharedAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
