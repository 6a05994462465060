using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Tables;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>Direct tests of the Table backend on Azurite, with a fake clock.</summary>
public sealed class TableBackendTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(Start);

    private async Task<TableOrchestrationBackend> NewBackendAsync(string? hub = null, int shards = 4)
    {
        var backend = new TableOrchestrationBackend(new TableOrchestrationBackendOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = hub ?? AzuriteFixture.UniqueTableName("hub"),
            ShardCount = shards,
            TimeProvider = _clock,
            SweepGracePeriod = TimeSpan.FromSeconds(10),
            SweepInterval = TimeSpan.FromSeconds(10),
        });
        await backend.EnsureCreatedAsync();
        return backend;
    }

    private static OrchestrationMessage StartMessage(string instanceId, string input = "\"in\"", IReadOnlyDictionary<string, string>? tags = null) => new()
    {
        MessageId = instanceId + ":start",
        InstanceId = instanceId,
        ExecutionId = "e1",
        Event = new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, Name = "Chain", ExecutionId = "e1", Input = input, Tags = tags, Timestamp = Start },
    };

    private static OrchestrationMessage EventMessage(string instanceId, string id, DateTimeOffset? dueAt = null, string input = "1") => new()
    {
        MessageId = id,
        InstanceId = instanceId,
        DueAt = dueAt,
        Event = new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = "go", Input = input, Timestamp = Start },
    };

    private static OrchestrationStepCommit Step(OrchestrationWorkItem item, InstanceSnapshot snapshot, IEnumerable<HistoryEvent> events, OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running) => new()
    {
        WorkItem = item,
        ExpectedETag = snapshot.ETag,
        Instance = snapshot.Instance with { RuntimeStatus = status, HistoryLength = snapshot.History.Count + item.Messages.Count },
        NewHistory = [.. item.Messages.Select(m => m.Event), .. events],
    };

    private async Task<(OrchestrationWorkItem Item, InstanceSnapshot Snapshot)> ClaimOneAsync(TableOrchestrationBackend backend, string owner = "a")
    {
        var claim = await backend.ClaimDueWorkAsync(owner, 10, 10, Lease);
        claim.Orchestrations.Count.ShouldBe(1);
        var item = claim.Orchestrations[0];
        var snapshot = await backend.LoadInstanceAsync(item.InstanceId);
        return (item, snapshot!);
    }

    [Fact]
    public void Constructor_InvalidHubName_ThrowsNamingIt()
    {
        var options = new TableOrchestrationBackendOptions { ConnectionString = azurite.ConnectionString, TaskHubName = "bad-hub" };
        Should.Throw<ArgumentException>(() => new TableOrchestrationBackend(options)).Message.ShouldContain("bad-hub");
    }

    [Fact]
    public async Task CreateInstance_ThenClaimAndCommit_AppendsHistoryAndReleasesLease()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i/1#?"), []);

        var (item, snapshot) = await ClaimOneAsync(backend);
        item.InstanceId.ShouldBe("i/1#?");
        item.Messages.Single().Event.EventType.ShouldBe(HistoryEventType.ExecutionStarted);
        snapshot.Instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        snapshot.History.ShouldBeEmpty();

        var etag = await backend.CommitStepAsync(Step(item, snapshot, [new HistoryEvent { EventType = HistoryEventType.OrchestratorCompleted, Timestamp = Start }]));

        var reloaded = await backend.LoadInstanceAsync("i/1#?");
        reloaded!.ETag.ShouldBe(etag);
        reloaded.History.Select(h => h.EventType).ShouldBe([HistoryEventType.ExecutionStarted, HistoryEventType.OrchestratorCompleted]);
        reloaded.Instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();

        await backend.SendMessagesAsync([EventMessage("i/1#?", "ev1")]);
        var next = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        next.Orchestrations.Single().Messages.Single().MessageId.ShouldBe("ev1");
    }

    [Fact]
    public async Task SendMessages_LargeMessageIndexRowWrittenBehind_ReturnsFirstAndTheNextClaimWaitsForIt()
    {
        var (backend, gate, _) = await NewGatedBackendAsync("Index", "behind");

        // Too large to be carried in its due row: stored in the instance partition, the due row written behind.
        gate.Close();
        var large = '"' + new string('x', 20_000) + '"';
        await backend.SendMessagesAsync([EventMessage("behind", "late-index", input: large)]).WaitAsync(TimeSpan.FromMinutes(1));
        var claim = backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        claim.IsCompleted.ShouldBeFalse();
        gate.Open();

        (await claim).Orchestrations.Single().Messages.Single().MessageId.ShouldBe("late-index");
    }

    [Fact]
    public async Task SendMessages_SmallMessage_StoredInItsDueRowWithoutWritingTheInstancePartition()
    {
        var (backend, gate, hub) = await NewGatedBackendAsync("Instances", "carried");

        gate.Close();
        var before = backend.StorageRequestCount;
        await backend.SendMessagesAsync([EventMessage("carried", "ev")]).WaitAsync(TimeSpan.FromMinutes(1));
        (backend.StorageRequestCount - before).ShouldBe(2);
        (await CarriedRowsAsync(hub)).Count.ShouldBe(1);
        gate.Open();

        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single().Messages.Single().MessageId.ShouldBe("ev");
        (await CarriedRowsAsync(hub)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Claim_CarriedMessageSeenAgainAfterItWasConsumed_IsDroppedWithItsDueRow()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var backend = await NewBackendAsync(hub);
        await backend.CreateInstanceAsync(StartMessage("once"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, []));
        await backend.SendMessagesAsync([EventMessage("once", "ev")]);
        var copy = (await CarriedRowsAsync(hub)).Single();

        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        await backend.CommitStepAsync(Step(claim.Orchestrations.Single(), (await backend.LoadInstanceAsync("once"))!, []));
        // As if a claim that copied the message had died before its lease deleted the due row.
        await Index(hub).AddEntityAsync(new TableEntity(copy));

        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        (await CarriedRowsAsync(hub)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Claim_CarriedMessageCopiedByALeaseThatExpired_IsDeliveredOnce()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var backend = await NewBackendAsync(hub);
        await backend.CreateInstanceAsync(StartMessage("taken"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, []));
        await backend.SendMessagesAsync([EventMessage("taken", "ev")]);
        var copy = (await CarriedRowsAsync(hub)).Single();

        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single().Messages.Single().MessageId.ShouldBe("ev");
        await Index(hub).AddEntityAsync(new TableEntity(copy));
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));

        var taken = await backend.ClaimDueWorkAsync("b", 10, 10, Lease);
        taken.Orchestrations.Single().Messages.Select(m => m.MessageId).ShouldBe(["ev"]);
        await backend.CommitStepAsync(Step(taken.Orchestrations[0], (await backend.LoadInstanceAsync("taken"))!, []));
        (await backend.ClaimDueWorkAsync("b", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task SendMessages_ManyLargeCarriedMessagesAtOnce_GroupedInTransactionsUnderTheBodyLimit()
    {
        var (backend, gate, _) = await NewGatedBackendAsync("Index", "big", cacheInstanceRows: true);
        var input = '"' + new string('字', 15_000) + '"';

        // The first send's transaction is held; the other 99 queue behind it (instance rows come from memory).
        gate.Close();
        var sends = Enumerable.Range(0, 100).Select(i => backend.SendMessagesAsync([EventMessage("big", $"m{i:D3}", input: input)])).ToList();
        gate.Open();
        await Task.WhenAll(sends).WaitAsync(TimeSpan.FromMinutes(1));

        gate.LargestBody.ShouldBeGreaterThan(1_000_000);
        gate.LargestBody.ShouldBeLessThanOrEqualTo(4L * 1024 * 1024);
    }

    /// <summary>A backend whose writes to one of its tables (<paramref name="table"/>) a gate can hold, with one instance past its first step.</summary>
    private async Task<(TableOrchestrationBackend Backend, GateIndexWritesPolicy Gate, string Hub)> NewGatedBackendAsync(string table, string instanceId, bool cacheInstanceRows = false)
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var gate = new GateIndexWritesPolicy(hub + table);
        var options = new TableClientOptions();
        options.AddPolicy(gate, Azure.Core.HttpPipelinePosition.PerRetry);
        var backend = new TableOrchestrationBackend(new TableOrchestrationBackendOptions
        {
            ServiceClient = new TableServiceClient(azurite.ConnectionString, options),
            TaskHubName = hub,
            ShardCount = 4,
            TimeProvider = _clock,
            CacheInstanceRows = cacheInstanceRows,
        });
        await backend.EnsureCreatedAsync();
        await backend.CreateInstanceAsync(StartMessage(instanceId), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, []));
        return (backend, gate, hub);
    }

    private TableClient Index(string hub) => new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "Index");

    private async Task<List<TableEntity>> CarriedRowsAsync(string hub)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Index(hub).QueryAsync<TableEntity>("Carried eq true"))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task CreateInstance_ExistingInDedupeStatus_Throws()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("dup"), []);

        await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => backend.CreateInstanceAsync(StartMessage("dup"), [OrchestrationRuntimeStatus.Pending]));
        await backend.CreateInstanceAsync(StartMessage("dup", "\"second\""), []);
        (await backend.GetInstanceAsync("dup", includePayloads: true))!.Input.ShouldBe("\"second\"");
    }

    [Fact]
    public async Task SendMessages_SameIdTwiceOrUnknownInstance_DeliversOnce()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("x"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, []));

        await backend.SendMessagesAsync([EventMessage("x", "same"), EventMessage("x", "same"), EventMessage("nobody", "lost")]);
        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        claim.Orchestrations.Single().Messages.Select(m => m.MessageId).ShouldBe(["same"]);
        var snap = await backend.LoadInstanceAsync("x");
        await backend.CommitStepAsync(Step(claim.Orchestrations[0], snap!, []));

        // Consumed ids are remembered: a re-delivery after a crash is dropped.
        await backend.SendMessagesAsync([EventMessage("x", "same")]);
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        (await backend.GetInstanceAsync("nobody", false)).ShouldBeNull();
    }

    [Fact]
    public async Task Claim_LeasedInstance_IsSkippedUntilLeaseExpiresThenTakenOver()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var hostA = await NewBackendAsync(hub);
        var hostB = await NewBackendAsync(hub);
        await hostA.CreateInstanceAsync(StartMessage("leased"), []);

        var (itemA, snapshotA) = await ClaimOneAsync(hostA, "a");
        await hostA.SendMessagesAsync([EventMessage("leased", "late")]);
        var during = await hostB.ClaimDueWorkAsync("b", 10, 10, Lease);
        during.IsEmpty.ShouldBeTrue();
        during.NextDueAt.ShouldBe(Start + Lease);

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var (itemB, snapshotB) = await ClaimOneAsync(hostB, "b");
        itemB.Messages.Select(m => m.MessageId).ShouldBe(["leased:start", "late"], ignoreOrder: true);

        await hostB.CommitStepAsync(Step(itemB, snapshotB, []));
        await Should.ThrowAsync<OrchestrationConcurrencyException>(() => hostA.CommitStepAsync(Step(itemA, snapshotA, [])));
        (await hostA.LoadInstanceAsync("leased"))!.History.Count.ShouldBe(2);
    }

    [Fact]
    public async Task CommitStep_StaleETag_ThrowsAndWritesNothing()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("stale"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);

        var commit = Step(item, snapshot, []) with { ExpectedETag = "W/\"datetime'2020-01-01T00%3A00%3A00.0000000Z'\"" };
        await Should.ThrowAsync<OrchestrationConcurrencyException>(() => backend.CommitStepAsync(commit));
        (await backend.LoadInstanceAsync("stale"))!.History.ShouldBeEmpty();
    }

    [Fact]
    public async Task CommitStep_OverOneHundredEntities_SplitsWithInstanceRowLast()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("fan"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var scheduled = Enumerable.Range(0, 150).Select(i => new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = i, Name = "Work", Input = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Timestamp = Start }).ToList();
        var activities = scheduled.Select(e => new ActivityWorkItem { Id = $"e1:{e.EventId}", InstanceId = "fan", ExecutionId = "e1", TaskId = e.EventId, Name = "Work", Input = e.Input }).ToList();
        var before = backend.StorageRequestCount;

        await backend.CommitStepAsync(Step(item, snapshot, scheduled) with { NewActivities = activities });

        (backend.StorageRequestCount - before).ShouldBeGreaterThanOrEqualTo(4);
        var loaded = await backend.LoadInstanceAsync("fan");
        loaded!.History.Count.ShouldBe(151);
        loaded.Instance.HistoryLength.ShouldBe(151);
        var claimed = new List<ActivityWorkItem>();
        for (var round = 0; round < 5 && claimed.Count < 150; round++)
        {
            claimed.AddRange((await backend.ClaimDueWorkAsync("a", 10, 64, Lease)).Activities);
        }

        claimed.Select(a => a.TaskId).Order().ShouldBe(Enumerable.Range(0, 150));
    }

    [Fact]
    public async Task LoadInstance_RowsPastTheInstanceRowLength_AreIgnored()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var backend = await NewBackendAsync(hub);
        await backend.CreateInstanceAsync(StartMessage("torn"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, []));

        // What a crash between the batches of a split commit leaves: history rows the sentinel does not count.
        var table = new TableClient(azurite.ConnectionString, hub + "Instances");
        await table.UpsertEntityAsync(new TableEntity("torn", "H.0000000000000001") { ["ExecutionId"] = "e1", ["Data"] = "{\"eventType\":4}" });

        (await backend.LoadInstanceAsync("torn"))!.History.Count.ShouldBe(1);
    }

    [Fact]
    public async Task LargePayloads_SplitAcrossProperties_RoundTrip()
    {
        var backend = await NewBackendAsync();
        var big = "\"" + new string('长', 200_000) + "\"";
        await backend.CreateInstanceAsync(StartMessage("large", big), []);
        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        claim.Orchestrations.Single().Messages.Single().Event.Input.ShouldBe(big);
        var snapshot = await backend.LoadInstanceAsync("large");
        snapshot!.Instance.Input.ShouldBe(big);

        var result = new HistoryEvent { EventType = HistoryEventType.TaskScheduled, EventId = 0, Name = "Big", Input = big, Timestamp = Start };
        await backend.CommitStepAsync(Step(claim.Orchestrations[0], snapshot, [result]));
        (await backend.GetHistoryAsync("large"))[^1].Input.ShouldBe(big);
    }

    [Fact]
    public async Task LargePayloads_OverEntityLimit_ThrowNamingInstanceAndPayload()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("huge"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var huge = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, EventId = 7, Result = new string('x', 600_000), Timestamp = Start };

        var ex = await Should.ThrowAsync<OrchestrationPayloadTooLargeException>(() => backend.CommitStepAsync(Step(item, snapshot, [huge])));
        ex.Message.ShouldContain("'huge'");
        ex.Message.ShouldContain("TaskCompleted #7");
        (await backend.LoadInstanceAsync("huge"))!.History.ShouldBeEmpty();
    }

    [Fact]
    public async Task Activities_ClaimCompleteOnce_ResultReachesInstance()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("act"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var activity = new ActivityWorkItem { Id = "e1:0", InstanceId = "act", ExecutionId = "e1", TaskId = 0, Name = "Work", Input = "5" };
        await backend.CommitStepAsync(Step(item, snapshot, []) with { NewActivities = [activity] });

        var claimed = (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Activities.Single();
        claimed.Name.ShouldBe("Work");
        claimed.DequeueCount.ShouldBe(0);
        var result = new OrchestrationMessage { MessageId = "e1:0:result", InstanceId = "act", ExecutionId = "e1", Event = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = 0, Result = "6", Timestamp = Start } };

        (await backend.CompleteActivityAsync(claimed, result)).ShouldBeTrue();
        (await backend.CompleteActivityAsync(claimed, result)).ShouldBeFalse();
        var next = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        next.Activities.ShouldBeEmpty();
        next.Orchestrations.Single().Messages.Single().Event.Result.ShouldBe("6");
    }

    [Fact]
    public async Task Activities_LeaseExpires_AnotherHostRunsItAndTheFirstResultWins()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var hostA = await NewBackendAsync(hub);
        var hostB = await NewBackendAsync(hub);
        await hostA.CreateInstanceAsync(StartMessage("retry"), []);
        var (item, snapshot) = await ClaimOneAsync(hostA);
        await hostA.CommitStepAsync(Step(item, snapshot, []) with { NewActivities = [new ActivityWorkItem { Id = "e1:0", InstanceId = "retry", ExecutionId = "e1", TaskId = 0, Name = "Work" }] });
        var first = (await hostA.ClaimDueWorkAsync("a", 10, 10, Lease)).Activities.Single();
        (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).Activities.ShouldBeEmpty();

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var second = (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).Activities.Single();
        second.DequeueCount.ShouldBe(1);
        var result = new OrchestrationMessage { MessageId = "e1:0:result", InstanceId = "retry", ExecutionId = "e1", Event = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = 0, Timestamp = Start } };

        (await hostB.CompleteActivityAsync(second, result)).ShouldBeTrue();
        (await hostA.CompleteActivityAsync(first, result)).ShouldBeFalse();
    }

    [Fact]
    public async Task Timers_FutureMessage_InvisibleUntilDueAndReportedAsNextDue()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("sleep"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var due = Start + TimeSpan.FromDays(730);
        var timer = new OrchestrationMessage { MessageId = "e1:0", InstanceId = "sleep", ExecutionId = "e1", DueAt = due, Event = new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = 0, FireAt = due, Timestamp = Start } };
        await backend.CommitStepAsync(Step(item, snapshot, []) with { LocalMessages = [timer] });

        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        _clock.SetUtcNow(due - TimeSpan.FromSeconds(2));
        var soon = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        soon.IsEmpty.ShouldBeTrue();
        soon.NextDueAt.ShouldBe(due);
        _clock.SetUtcNow(due);
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single().Messages.Single().MessageId.ShouldBe("e1:0");
    }

    [Fact]
    public async Task CancelledTimer_IsDeletedAndNeverClaimed()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("cancel"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var due = Start + TimeSpan.FromHours(1);
        var timer = new OrchestrationMessage { MessageId = "e1:0", InstanceId = "cancel", ExecutionId = "e1", DueAt = due, Event = new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = 0, Timestamp = Start } };
        await backend.CommitStepAsync(Step(item, snapshot, []) with { LocalMessages = [timer] });
        await backend.SendMessagesAsync([EventMessage("cancel", "ev")]);
        var (item2, snapshot2) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item2, snapshot2, []) with { CancelledMessageIds = ["e1:0", "never-existed"] });

        _clock.SetUtcNow(due + TimeSpan.FromSeconds(1));
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task Outbound_DeliveredAfterCommit_StartsChildOnce()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("parent"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var childStart = new OrchestrationMessage
        {
            MessageId = "e1:0",
            InstanceId = "child",
            Event = new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, Name = "Child", ExecutionId = "c1", Parent = new ParentOrchestrationInstance("Chain", "parent", "e1", 0), Timestamp = Start },
        };
        await backend.CommitStepAsync(Step(item, snapshot, []) with { OutboundMessages = [childStart] });
        await backend.SendMessagesAsync([childStart]);

        var child = await backend.GetInstanceAsync("child", false);
        child!.Parent!.InstanceId.ShouldBe("parent");
        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        claim.Orchestrations.Single().Messages.Single().ExecutionId.ShouldBe("c1");
    }

    [Fact]
    public async Task Sweeper_LostIndexRow_IsRepairedAfterGracePeriod()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var backend = await NewBackendAsync(hub, shards: 1);
        await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        await backend.CreateInstanceAsync(StartMessage("crash"), []);
        var index = new TableClient(azurite.ConnectionString, hub + "Index");
        await foreach (var row in index.QueryAsync<TableEntity>("RowKey lt ':'"))
        {
            await index.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        _clock.Advance(TimeSpan.FromSeconds(11));
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single().InstanceId.ShouldBe("crash");
    }

    [Fact]
    public async Task Queries_ByNameStatusTagAndBusinessKey_UseLookupsAndCount()
    {
        var backend = await NewBackendAsync();
        for (var i = 0; i < 6; i++)
        {
            await backend.CreateInstanceAsync(StartMessage($"q{i}", tags: new Dictionary<string, string> { ["round"] = i < 3 ? "2026" : "2027" }), []);
        }

        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        foreach (var item in claim.Orchestrations.Where(o => o.InstanceId is "q0" or "q1"))
        {
            var snapshot = await backend.LoadInstanceAsync(item.InstanceId);
            var done = Step(item, snapshot!, [], OrchestrationRuntimeStatus.Completed);
            await backend.CommitStepAsync(done with { Instance = done.Instance with { BusinessKeys = new Dictionary<string, string> { ["township"] = "青山" } } });
        }

        var byKey = await backend.QueryInstancesAsync(new OrchestrationQuery { BusinessKeys = new Dictionary<string, string> { ["township"] = "青山" } });
        byKey.Instances.Select(r => r.InstanceId).ShouldBe(["q0", "q1"]);
        var byTag = await backend.QueryInstancesAsync(new OrchestrationQuery { Tags = new Dictionary<string, string> { ["round"] = "2027" }, PageSize = 2 });
        byTag.Instances.Select(r => r.InstanceId).ShouldBe(["q3", "q4"]);
        var rest = await backend.QueryInstancesAsync(new OrchestrationQuery { Tags = new Dictionary<string, string> { ["round"] = "2027" }, PageSize = 2, ContinuationToken = byTag.ContinuationToken });
        rest.Instances.Select(r => r.InstanceId).ShouldBe(["q5"]);
        rest.ContinuationToken.ShouldBeNull();
        var completed = await backend.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Completed], Name = "chain" });
        completed.Instances.Count.ShouldBe(2);

        var counts = await backend.CountInstancesAsync(new OrchestrationQuery { Name = "Chain" });
        counts[OrchestrationRuntimeStatus.Completed].ShouldBe(2);
        counts[OrchestrationRuntimeStatus.Pending].ShouldBe(4);
        var byStatus = await backend.CountInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending] });
        byStatus[OrchestrationRuntimeStatus.Pending].ShouldBe(4);
    }

    [Fact]
    public async Task Purge_TerminalInstance_RemovesPartitionAndLookups()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("gone"), []);
        (await backend.PurgeInstanceAsync("gone")).ShouldBeFalse();
        var (item, snapshot) = await ClaimOneAsync(backend);
        await backend.CommitStepAsync(Step(item, snapshot, [], OrchestrationRuntimeStatus.Completed));

        (await backend.PurgeInstancesAsync(new PurgeInstancesFilter(Statuses: [OrchestrationRuntimeStatus.Completed]))).PurgedInstanceCount.ShouldBe(1);
        (await backend.GetInstanceAsync("gone", false)).ShouldBeNull();
        (await backend.QueryInstancesAsync(new OrchestrationQuery { Name = "Chain" })).Instances.ShouldBeEmpty();
    }

    [Fact]
    public async Task HotPath_CachedStep_TakesFourRequestsAndIdleClaimOne()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("hot"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var etag = await backend.CommitStepAsync(Step(item, snapshot, []));
        await backend.SendMessagesAsync([EventMessage("hot", "e")]);

        var before = backend.StorageRequestCount;
        var claim = await backend.ClaimDueWorkAsync("a", 10, 10, Lease);
        var cached = new InstanceSnapshot(snapshot.Instance with { HistoryLength = 1 }, [snapshot.History.Count == 0 ? item.Messages[0].Event : snapshot.History[0]], etag);
        await backend.CommitStepAsync(Step(claim.Orchestrations.Single(), cached, []));

        // Query, copy of the carried message into the partition, lease, commit, release.
        (backend.StorageRequestCount - before).ShouldBe(5);

        var idle = backend.StorageRequestCount;
        (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        (backend.StorageRequestCount - idle).ShouldBe(1);
    }

    [Fact]
    public async Task ProducedWork_SoleActivityAndItsResult_ReachTheProducingHostWithoutQueries()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var hostA = await NewBackendAsync(hub);
        var hostB = await NewBackendAsync(hub);
        await hostA.CreateInstanceAsync(StartMessage("solo"), []);
        var (item, snapshot) = await ClaimOneAsync(hostA);
        await hostA.CommitStepAsync(Step(item, snapshot, []) with { NewActivities = [Activity("solo", 0)] });

        var before = hostA.StorageRequestCount;
        var activity = (await hostA.ClaimDueWorkAsync("a", 10, 10, Lease)).Activities.Single();
        (hostA.StorageRequestCount - before).ShouldBe(0);
        (await hostA.CompleteActivityAsync(activity, Result("solo", 0))).ShouldBeTrue();
        (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).IsEmpty.ShouldBeTrue();

        before = hostA.StorageRequestCount;
        var next = (await hostA.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
        (hostA.StorageRequestCount - before).ShouldBe(0);
        next.Messages.Single().MessageId.ShouldBe("e1:0:result");
    }

    [Fact]
    public async Task ProducedWork_ProducingHostDies_AnotherHostTakesItOverWhenTheLeaseEnds()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var hostA = await NewBackendAsync(hub);
        var hostB = await NewBackendAsync(hub);
        await hostA.CreateInstanceAsync(StartMessage("orphan"), []);
        var (item, snapshot) = await ClaimOneAsync(hostA);
        await hostA.CommitStepAsync(Step(item, snapshot, []) with { NewActivities = [Activity("orphan", 0)] });

        (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).IsEmpty.ShouldBeTrue();
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var taken = (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).Activities.Single();

        taken.Name.ShouldBe("Work");
        taken.DequeueCount.ShouldBe(1);
        (await hostB.CompleteActivityAsync(taken, Result("orphan", 0))).ShouldBeTrue();
        (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).Orchestrations.Single().Messages.Single().MessageId.ShouldBe("e1:0:result");
    }

    [Fact]
    public async Task CompleteActivity_ConcurrentFanInWithOneStaleResult_RejectsOnlyTheStaleOne()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var hostA = await NewBackendAsync(hub);
        var hostB = await NewBackendAsync(hub);
        await hostA.CreateInstanceAsync(StartMessage("fan"), []);
        var (item, snapshot) = await ClaimOneAsync(hostA);
        await hostA.CommitStepAsync(Step(item, snapshot, []) with { NewActivities = [.. Enumerable.Range(0, 4).Select(i => Activity("fan", i))] });
        var mine = (await hostA.ClaimDueWorkAsync("a", 10, 10, Lease)).Activities.OrderBy(a => a.TaskId).ToList();
        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var theirs = (await hostB.ClaimDueWorkAsync("b", 10, 10, Lease)).Activities.Single(a => a.TaskId == 0);
        (await hostB.CompleteActivityAsync(theirs, Result("fan", 0))).ShouldBeTrue();

        var outcomes = await Task.WhenAll(mine.Select(a => hostA.CompleteActivityAsync(a, Result("fan", a.TaskId))));

        outcomes.ShouldBe([false, true, true, true]);
        var step = (await hostA.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
        step.Messages.Select(m => m.MessageId).Order(StringComparer.Ordinal).ShouldBe(["e1:0:result", "e1:1:result", "e1:2:result", "e1:3:result"]);
    }

    private static ActivityWorkItem Activity(string instanceId, int taskId) =>
        new() { Id = $"e1:{taskId}", InstanceId = instanceId, ExecutionId = "e1", TaskId = taskId, Name = "Work", Input = "5" };

    private static OrchestrationMessage Result(string instanceId, int taskId) => new()
    {
        MessageId = $"e1:{taskId}:result",
        InstanceId = instanceId,
        ExecutionId = "e1",
        Event = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = taskId, Result = "6", Timestamp = Start },
    };

    [Fact]
    public async Task CommitStep_ReplaceHistorySplitAndCrashBeforeSentinel_KeepsCurrentHistory()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var failing = new FailBatchesPolicy();
        var options = new TableClientOptions();
        options.Retry.MaxRetries = 0;
        options.AddPolicy(failing, Azure.Core.HttpPipelinePosition.PerRetry);
        var backend = new TableOrchestrationBackend(new TableOrchestrationBackendOptions
        {
            ServiceClient = new TableServiceClient(azurite.ConnectionString, options),
            TaskHubName = hub,
            TimeProvider = _clock,
        });
        await backend.EnsureCreatedAsync();
        await backend.CreateInstanceAsync(StartMessage("cont"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var etag = await backend.CommitStepAsync(Step(item, snapshot, []));
        await backend.SendMessagesAsync([EventMessage("cont", "go")]);
        var next = (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
        var current = new InstanceSnapshot(snapshot.Instance with { HistoryLength = 1 }, [item.Messages[0].Event], etag);
        var carried = Enumerable.Range(0, 60).Select(i => EventMessage("cont", $"e2:carried:{i}")).ToList();
        var replace = new OrchestrationStepCommit
        {
            WorkItem = next,
            ExpectedETag = etag,
            Instance = current.Instance with { ExecutionId = "e2", HistoryLength = 2 },
            ReplaceHistory = true,
            NewHistory = [new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted, Timestamp = Start }, new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, ExecutionId = "e2", Name = "Chain", Timestamp = Start }],
            LocalMessages = carried,
        };

        failing.AllowBatches(2);
        await Should.ThrowAsync<Exception>(() => backend.CommitStepAsync(replace));

        var fresh = await NewBackendAsync(hub);
        // A torn history would make the load retry on the (frozen) fake clock forever: fail instead of hanging.
        var loaded = await fresh.LoadInstanceAsync("cont").WaitAsync(TimeSpan.FromMinutes(1));
        loaded!.Instance.ExecutionId.ShouldBe("e1");
        loaded.History.Select(e => e.EventType).ShouldBe([HistoryEventType.ExecutionStarted]);
    }

    [Fact]
    public async Task LoadInstance_NewExecutionOverDifferentlyPackedRows_ReadsOnlyItsOwnEvents()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("packed"), []);
        var (item, snapshot) = await ClaimOneAsync(backend);
        var etag = await backend.CommitStepAsync(Step(item, snapshot, []));
        var history = new List<HistoryEvent>(snapshot.History.Count == 0 ? [item.Messages[0].Event] : snapshot.History);
        for (var step = 0; step < 2; step++)
        {
            await backend.SendMessagesAsync([EventMessage("packed", $"old-{step}")]);
            var next = (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
            var current = new InstanceSnapshot(snapshot.Instance with { HistoryLength = history.Count }, [.. history], etag);
            var added = Events(step + 2, "old");
            etag = await backend.CommitStepAsync(Step(next, current, added));
            history.AddRange([.. next.Messages.Select(m => m.Event), .. added]);
        }

        await backend.SendMessagesAsync([EventMessage("packed", "continue")]);
        var continuing = (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
        var before = new InstanceSnapshot(snapshot.Instance with { HistoryLength = history.Count }, [.. history], etag);
        etag = await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = continuing,
            ExpectedETag = etag,
            Instance = snapshot.Instance with { ExecutionId = "e2", HistoryLength = 2 },
            ReplaceHistory = true,
            NewHistory = Events(2, "new"),
        });
        await backend.SendMessagesAsync([EventMessage("packed", "new-step")]);
        var last = (await backend.ClaimDueWorkAsync("a", 10, 10, Lease)).Orchestrations.Single();
        var renewed = new InstanceSnapshot(snapshot.Instance with { ExecutionId = "e2", HistoryLength = 2 }, Events(2, "new"), etag);
        await backend.CommitStepAsync(Step(last, renewed, Events(2, "new")) with { Instance = renewed.Instance with { HistoryLength = 5 } });

        var loaded = await NewBackendAsync(backend.Options.TaskHubName);
        var stored = (await loaded.LoadInstanceAsync("packed"))!;

        before.History.Count.ShouldBe(8);
        stored.Instance.ExecutionId.ShouldBe("e2");
        stored.History.Select(e => e.Name ?? e.EventType.ToString()).ShouldBe(["new", "new", "go", "new", "new"]);
    }

    private static List<HistoryEvent> Events(int count, string name) =>
        [.. Enumerable.Range(0, count).Select(_ => new HistoryEvent { EventType = HistoryEventType.EventSent, Name = name, Timestamp = Start })];

    [Fact]
    public async Task EnsureCreated_LookupRowsInTheIndexFromEarlierVersions_MovesThemToTheLookupTable()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var index = new TableClient(azurite.ConnectionString, hub + "Index");
        await index.CreateIfNotExistsAsync();
        await index.AddEntityAsync(new TableEntity("00", "n.CHAIN.legacy") { ["InstanceId"] = "legacy" });
        await index.AddEntityAsync(new TableEntity("00", "b.township=t1.legacy") { ["InstanceId"] = "legacy" });

        await NewBackendAsync(hub);

        var lookups = new TableClient(azurite.ConnectionString, hub + "Lookup");
        var moved = new List<string>();
        await foreach (var row in lookups.QueryAsync<TableEntity>("RowKey ge 'a'"))
        {
            moved.Add(row.RowKey);
        }

        var left = new List<string>();
        await foreach (var row in index.QueryAsync<TableEntity>("RowKey ge 'a' and RowKey lt '~'"))
        {
            left.Add(row.RowKey);
        }

        moved.Order(StringComparer.Ordinal).ShouldBe(["b.township=t1.legacy", "n.CHAIN.legacy"]);
        left.ShouldBeEmpty();
    }

    [Fact]
    public async Task EnsureCreated_InstanceRowOfEarlierVersions_IsReKeyedAndStillRuns()
    {
        var hub = AzuriteFixture.UniqueTableName("hub");
        var first = await NewBackendAsync(hub);
        await first.CreateInstanceAsync(StartMessage("old"), []);
        var instances = new TableClient(azurite.ConnectionString, hub + "Instances");
        var row = (await instances.GetEntityAsync<TableEntity>("old", "I.old")).Value;
        await instances.DeleteEntityAsync("old", "I.old");
        var legacy = new TableEntity(row) { PartitionKey = "old", RowKey = "I" };
        legacy.Remove("odata.etag");
        legacy.Remove("Timestamp");
        await instances.AddEntityAsync(legacy);
        await new TableClient(azurite.ConnectionString, hub + "Lookup").DeleteAsync();

        var upgraded = await NewBackendAsync(hub);
        var (item, snapshot) = await ClaimOneAsync(upgraded);
        await upgraded.CommitStepAsync(Step(item, snapshot, []));

        (await upgraded.GetInstanceAsync("old", false))!.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Running);
        (await instances.GetEntityIfExistsAsync<TableEntity>("old", "I")).HasValue.ShouldBeFalse();
    }
}
