using Dispatch.Tables;

namespace Dispatch.Durable.Storage.Tables;

/// <summary>Settings of <see cref="TableOrchestrationBackend"/>.</summary>
public sealed class TableOrchestrationBackendOptions
{
    /// <summary>Gets or sets the storage connection string; used when <see cref="ServiceClient"/> is null.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Gets or sets a ready Table service client; takes precedence over <see cref="ConnectionString"/>.</summary>
    public TableServiceClient? ServiceClient { get; set; }

    /// <summary>
    /// Gets or sets the task hub name: letters and digits, starting with a letter, at most 50 characters. It
    /// prefixes the hub's tables (<c>{hub}Instances</c>, <c>{hub}Index</c>), so several hubs share one account.
    /// </summary>
    public string TaskHubName { get; set; } = "Dispatch";

    /// <summary>
    /// Gets or sets the number of work index shards (1–64) for a task hub this backend creates; spreads due work
    /// over partitions. A hub records its count when it is created and keeps it (<see cref="TableOrchestrationBackend.ShardCount"/>);
    /// a hub written before hubs recorded it keeps the count configured here, or 8. Null (the default) means
    /// <see cref="TableOrchestrationBackend.DefaultShardCount"/> for new hubs.
    /// </summary>
    public int? ShardCount { get; set; }

    /// <summary>
    /// Gets or sets how far ahead of now a claim looks for work, so the worker can wake exactly when it falls
    /// due instead of at the next poll. 5 seconds by default.
    /// </summary>
    public TimeSpan ClaimLookahead { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the most messages one claim hands over for one instance (bounded so a step commits in one transaction). 64 by default.</summary>
    public int MaxMessagesPerInstance { get; set; } = 64;

    /// <summary>
    /// Gets or sets how often a host repairs after crashes: re-delivers outboxes and re-indexes messages and
    /// activities whose index rows were lost. 5 minutes by default; the first sweep runs on the first claim.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets how old an unindexed row must be before the sweeper repairs it (leaves in-flight work alone). 1 minute by default.</summary>
    public TimeSpan SweepGracePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets whether work a step produces is leased to the host that produced it: a step's new
    /// activities, and the next step of an instance when one of its activities completes, are written to the
    /// index as lease markers of this host (in the transaction that writes the index anyway) and handed to its
    /// next claim without a query. Saves the claim query and the lease transaction of each hop, which halves
    /// the requests of a sequential chain. If the host dies, the leases expire and any host takes the work
    /// over, as with claimed work. True by default.
    /// </summary>
    public bool LeaseProducedWork { get; set; } = true;

    /// <summary>
    /// Gets or sets whether instance rows are served from memory: status reads, query results and event
    /// delivery checks then make no storage request. Valid only while this backend is the task hub's only
    /// writer (one standalone host): the cache follows this backend's own writes, not other hosts'. All
    /// instance rows are loaded by <see cref="TableOrchestrationBackend.EnsureCreatedAsync"/>. False by default.
    /// </summary>
    public bool CacheInstanceRows { get; set; }

    /// <summary>Gets or sets the clock; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (ServiceClient is null && string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("Set ConnectionString or ServiceClient.", nameof(ConnectionString));
        }

        if (string.IsNullOrEmpty(TaskHubName) || TaskHubName.Length > 50 || !char.IsAsciiLetter(TaskHubName[0]) || !TaskHubName.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException($"Task hub name '{TaskHubName}' is invalid: use 1–50 ASCII letters and digits, starting with a letter.", nameof(TaskHubName));
        }

        if (ShardCount is { } shards)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(shards, 1, nameof(ShardCount));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(shards, 64, nameof(ShardCount));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(ClaimLookahead, TimeSpan.Zero, nameof(ClaimLookahead));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxMessagesPerInstance, 1, nameof(MaxMessagesPerInstance));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxMessagesPerInstance, 90, nameof(MaxMessagesPerInstance));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SweepInterval, TimeSpan.Zero, nameof(SweepInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(SweepGracePeriod, TimeSpan.Zero, nameof(SweepGracePeriod));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
    }
}
