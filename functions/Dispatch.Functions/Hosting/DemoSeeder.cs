using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Functions.Hosting;

/// <summary>
/// Loads <see cref="DemoRound"/> through the workflow's service API at start, so a new user sees a live
/// system. Every step is an upsert or an idempotent start, so restarts never duplicate anything.
/// </summary>
internal sealed partial class DemoSeeder(AssignmentService assignments, ILogger<DemoSeeder> logger, EngineStorageInitializer? storage = null) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (storage is not null)
        {
            await storage.WhenCreatedAsync(cancellationToken);
        }

        (await assignments.UpsertUnitsAsync(DemoRound.Units, cancellationToken)).ThrowIfInvalid();
        (await assignments.UpsertVillagesAsync(DemoRound.Villages, cancellationToken)).ThrowIfInvalid();
        (await assignments.UpsertCadresAsync(DemoRound.Cadres, cancellationToken)).ThrowIfInvalid();
        (await assignments.UpsertRoundAsync(DemoRound.Round, cancellationToken)).ThrowIfInvalid();
        var started = await assignments.StartRoundAsync(DemoRound.RoundId, DemoRound.Villages.Select(v => v.Id).ToList(), cancellationToken);
        LogSeeded(logger, DemoRound.RoundId, started.Count);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo round {RoundId} loaded: {Posts} posts")]
    private static partial void LogSeeded(ILogger logger, string roundId, int posts);
}
