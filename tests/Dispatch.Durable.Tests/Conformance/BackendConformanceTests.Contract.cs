using Dispatch.Durable.Backend;
using Dispatch.Durable.Client;

namespace Dispatch.Durable.Tests.Conformance;

/// <summary>The storage contract itself, below the engine: leases, de-duplication, ETags, due times.</summary>
public abstract partial class BackendConformanceTests
{
    private static OrchestrationMessage StartMessage(string instanceId, string executionId = "exec-1", DateTimeOffset? dueAt = null) => new()
    {
        MessageId = executionId + ":start",
        InstanceId = instanceId,
        ExecutionId = executionId,
        DueAt = dueAt,
        Event = new HistoryEvent { EventType = HistoryEventType.ExecutionStarted, Name = "Contract", ExecutionId = executionId, Input = "1" },
    };

    private static OrchestrationMessage EventMessage(string instanceId, string messageId, DateTimeOffset? dueAt = null) => new()
    {
        MessageId = messageId,
        InstanceId = instanceId,
        DueAt = dueAt,
        Event = new HistoryEvent { EventType = HistoryEventType.EventRaised, Name = "e", Input = "\"" + messageId + "\"" },
    };

    private async Task<IOrchestrationBackend> NewBackendAsync()
    {
        var backend = CreateBackend(Clock);
        await backend.EnsureCreatedAsync();
        return backend;
    }

    [Fact]
    public async Task ClaimDueWorkAsync_LeasedInstance_IsNotClaimedAgainUntilLeaseExpires()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);

        var first = await backend.ClaimDueWorkAsync("host-a", 10, 10, TimeSpan.FromMinutes(1));
        var second = await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromMinutes(2));
        var afterExpiry = await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1));

        first.Orchestrations.Single().Messages.Single().Event.EventType.ShouldBe(HistoryEventType.ExecutionStarted);
        second.Orchestrations.ShouldBeEmpty();
        second.NextDueAt.ShouldBe(Start.AddMinutes(1));
        afterExpiry.Orchestrations.Single().InstanceId.ShouldBe("i1");
        afterExpiry.Orchestrations.Single().LeaseToken.ShouldNotBe(first.Orchestrations.Single().LeaseToken);
    }

    [Fact]
    public async Task ClaimDueWorkAsync_FutureMessage_IsInvisibleAndReportedAsNextDue()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1", dueAt: Start.AddDays(400)), []);

        var now = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));
        Clock.SetUtcNow(Start.AddDays(400));
        var due = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));

        now.IsEmpty.ShouldBeTrue();
        now.NextDueAt.ShouldBe(Start.AddDays(400));
        due.Orchestrations.Single().InstanceId.ShouldBe("i1");
    }

    [Fact]
    public async Task ClaimDueWorkAsync_Idle_CostsOneRequestAndReportsNothingDue()
    {
        var backend = await NewBackendAsync();
        var before = backend.StorageRequestCount;

        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));

        claim.IsEmpty.ShouldBeTrue();
        claim.NextDueAt.ShouldBeNull();
        (backend.StorageRequestCount - before).ShouldBe(1);
    }

    [Fact]
    public async Task SendMessagesAsync_SameMessageIdTwice_IsDeliveredOnce()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);

        await backend.SendMessagesAsync([EventMessage("i1", "m1"), EventMessage("i1", "m1")]);
        await backend.SendMessagesAsync([EventMessage("i1", "m1"), EventMessage("unknown", "m2")]);
        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));

        claim.Orchestrations.Single().Messages.Select(m => m.MessageId).ShouldBe(["exec-1:start", "m1"]);
        (await backend.GetInstanceAsync("unknown", false)).ShouldBeNull();
    }

    [Fact]
    public async Task CommitStepAsync_ConsumedMessageRedelivered_IsDropped()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        await backend.SendMessagesAsync([EventMessage("i1", "m1")]);
        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));
        var snapshot = await backend.LoadInstanceAsync("i1");
        await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = claim.Orchestrations.Single(),
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            NewHistory = [.. claim.Orchestrations.Single().Messages.Select(m => m.Event)],
        });

        await backend.SendMessagesAsync([EventMessage("i1", "m1")]);
        var again = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));

        again.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public async Task CommitStepAsync_StaleETag_ThrowsAndWritesNothing()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));
        var item = claim.Orchestrations.Single();
        var snapshot = await backend.LoadInstanceAsync("i1");

        await Should.ThrowAsync<OrchestrationConcurrencyException>(() => backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = item,
            ExpectedETag = snapshot!.ETag + "-stale",
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            NewHistory = [new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted }],
        }));
        var after = await backend.LoadInstanceAsync("i1");

        after!.History.ShouldBeEmpty();
        after.Instance.RuntimeStatus.ShouldBe(OrchestrationRuntimeStatus.Pending);
        after.ETag.ShouldBe(snapshot!.ETag);
    }

    [Fact]
    public async Task CommitStepAsync_LeaseTakenOver_ThrowsConcurrency()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        var first = (await backend.ClaimDueWorkAsync("host-a", 10, 10, TimeSpan.FromMinutes(1))).Orchestrations.Single();
        var snapshot = await backend.LoadInstanceAsync("i1");
        Clock.Advance(TimeSpan.FromMinutes(2));
        var second = (await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1))).Orchestrations.Single();

        await Should.ThrowAsync<OrchestrationConcurrencyException>(() => backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = first,
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
        }));
        var etag = await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = second,
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
        });

        etag.ShouldNotBe(snapshot.ETag);
    }

    [Fact]
    public async Task CommitStepAsync_WithActivitiesTimersAndOutbox_AppliesAllAtomically()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("parent"), []);
        await backend.CreateInstanceAsync(StartMessage("other", "exec-o"), []);
        var item = (await backend.ClaimDueWorkAsync("host", 1, 10, TimeSpan.FromMinutes(1))).Orchestrations.Single(o => o.InstanceId == "parent");
        var snapshot = await backend.LoadInstanceAsync("parent");

        await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = item,
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running, BusinessKeys = new Dictionary<string, string> { ["stage"] = "s1" } },
            NewHistory = [new HistoryEvent { EventType = HistoryEventType.OrchestratorStarted }, item.Messages[0].Event],
            NewActivities = [new ActivityWorkItem { Id = "exec-1:0", InstanceId = "parent", ExecutionId = "exec-1", TaskId = 0, Name = "Act", Input = "5" }],
            LocalMessages = [new OrchestrationMessage { MessageId = "exec-1:1", InstanceId = "parent", ExecutionId = "exec-1", DueAt = Start.AddDays(30), Event = new HistoryEvent { EventType = HistoryEventType.TimerFired, TaskScheduledId = 1 } }],
            OutboundMessages = [EventMessage("other", "exec-1:2")],
        });
        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));
        var stored = await backend.LoadInstanceAsync("parent");
        var byKey = await backend.QueryInstancesAsync(new OrchestrationQuery { BusinessKeys = new Dictionary<string, string> { ["stage"] = "s1" } });

        claim.Activities.Single().Name.ShouldBe("Act");
        claim.Activities.Single().LeaseToken.ShouldNotBeNull();
        claim.Orchestrations.Single().InstanceId.ShouldBe("other");
        claim.Orchestrations.Single().Messages.Select(m => m.MessageId).ShouldBe(["exec-o:start", "exec-1:2"]);
        claim.NextDueAt.ShouldNotBeNull();
        stored!.History.Count.ShouldBe(2);
        stored.Instance.HistoryLength.ShouldBe(2);
        byKey.Instances.Single().InstanceId.ShouldBe("parent");
    }

    [Fact]
    public async Task CompleteActivityAsync_DeliversResultOnceAndRejectsStaleLease()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        var item = (await backend.ClaimDueWorkAsync("host", 1, 10, TimeSpan.FromMinutes(1))).Orchestrations.Single();
        var snapshot = await backend.LoadInstanceAsync("i1");
        await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = item,
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            NewActivities = [new ActivityWorkItem { Id = "exec-1:0", InstanceId = "i1", ExecutionId = "exec-1", TaskId = 0, Name = "Act" }],
        });
        var stale = (await backend.ClaimDueWorkAsync("host-a", 10, 10, TimeSpan.FromMinutes(1))).Activities.Single();
        Clock.Advance(TimeSpan.FromMinutes(2));
        var current = (await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1))).Activities.Single();
        var result = new OrchestrationMessage { MessageId = "exec-1:0:result", InstanceId = "i1", ExecutionId = "exec-1", Event = new HistoryEvent { EventType = HistoryEventType.TaskCompleted, TaskScheduledId = 0, Result = "1" } };

        var staleAccepted = await backend.CompleteActivityAsync(stale, result);
        var currentAccepted = await backend.CompleteActivityAsync(current, result);
        var repeated = await backend.CompleteActivityAsync(current, result);
        var claim = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(1));

        current.DequeueCount.ShouldBe(1);
        staleAccepted.ShouldBeFalse();
        currentAccepted.ShouldBeTrue();
        repeated.ShouldBeFalse();
        claim.Activities.ShouldBeEmpty();
        claim.Orchestrations.Single().Messages.Single().Event.EventType.ShouldBe(HistoryEventType.TaskCompleted);
    }

    [Fact]
    public async Task RenewActivityLeaseAsync_WhileHeld_KeepsItemFromOtherClaimsUntilTheRenewedExpiry()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        var item = (await backend.ClaimDueWorkAsync("host", 1, 10, TimeSpan.FromMinutes(1))).Orchestrations.Single();
        var snapshot = await backend.LoadInstanceAsync("i1");
        await backend.CommitStepAsync(new OrchestrationStepCommit
        {
            WorkItem = item,
            ExpectedETag = snapshot!.ETag,
            Instance = snapshot.Instance with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            NewActivities = [new ActivityWorkItem { Id = "exec-1:0", InstanceId = "i1", ExecutionId = "exec-1", TaskId = 0, Name = "Slow" }],
        });
        var running = (await backend.ClaimDueWorkAsync("host-a", 10, 10, TimeSpan.FromMinutes(1))).Activities.Single();

        Clock.Advance(TimeSpan.FromSeconds(50));
        var renewed = await backend.RenewActivityLeaseAsync(running, TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromSeconds(50));
        var duringRenewal = await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1));
        Clock.Advance(TimeSpan.FromSeconds(20));
        var afterExpiry = await backend.ClaimDueWorkAsync("host-b", 10, 10, TimeSpan.FromMinutes(1));
        var staleRenewal = await backend.RenewActivityLeaseAsync(running, TimeSpan.FromMinutes(1));

        renewed.ShouldBeTrue();
        duringRenewal.Activities.ShouldBeEmpty();
        afterExpiry.Activities.Single().Id.ShouldBe("exec-1:0");
        staleRenewal.ShouldBeFalse();
    }

    [Fact]
    public async Task AbandonOrchestrationAsync_WithDelay_HidesInstanceUntilThen()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);
        var item = (await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(5))).Orchestrations.Single();

        await backend.AbandonOrchestrationAsync(item, TimeSpan.FromMinutes(1));
        var hidden = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(5));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var visible = await backend.ClaimDueWorkAsync("host", 10, 10, TimeSpan.FromMinutes(5));

        hidden.IsEmpty.ShouldBeTrue();
        hidden.NextDueAt.ShouldBe(Start.AddMinutes(1));
        visible.Orchestrations.Single().Messages.Count.ShouldBe(1);
    }

    [Fact]
    public async Task CreateInstanceAsync_DedupeStatusMatches_Throws()
    {
        var backend = await NewBackendAsync();
        await backend.CreateInstanceAsync(StartMessage("i1"), []);

        var ex = await Should.ThrowAsync<OrchestrationAlreadyExistsException>(() => backend.CreateInstanceAsync(StartMessage("i1", "exec-2"), [OrchestrationRuntimeStatus.Pending]));
        await backend.CreateInstanceAsync(StartMessage("i1", "exec-3"), [OrchestrationRuntimeStatus.Running]);
        var replaced = await backend.GetInstanceAsync("i1", true);

        ex.Status.ShouldBe(OrchestrationRuntimeStatus.Pending);
        replaced!.ExecutionId.ShouldBe("exec-3");
        replaced.Input.ShouldBe("1");
    }

    [Fact]
    public async Task QueryInstancesAsync_PageSizeOutOfRange_ThrowsArgumentOutOfRange()
    {
        var backend = await NewBackendAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => backend.QueryInstancesAsync(new OrchestrationQuery { PageSize = 0 }));
    }
}
