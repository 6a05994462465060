using Dispatch.Durable.Backend;
using Dispatch.Functions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Dispatch.Functions.Tests;

/// <summary>The engine's tables are created in the background at start and awaited by requests.</summary>
public sealed class EngineStorageInitializerTests
{
    [Fact]
    public async Task WhenCreatedAsync_CreationAtStartFailed_NextCallRetriesOnceAndSucceeds()
    {
        var backend = Substitute.For<IOrchestrationBackend>();
        backend.EnsureCreatedAsync(Arg.Any<CancellationToken>()).Returns(Task.FromException(new HttpRequestException("connection refused")), Task.CompletedTask);
        var storage = new EngineStorageInitializer(backend, NullLogger<EngineStorageInitializer>.Instance);

        await storage.StartAsync(CancellationToken.None);
        await storage.WhenCreatedAsync();
        await storage.WhenCreatedAsync();

        await backend.Received(2).EnsureCreatedAsync(Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task StartAsync_CreationStillRunning_ReturnsAtOnceAndRequestsWait()
    {
        var creation = new TaskCompletionSource();
        var backend = Substitute.For<IOrchestrationBackend>();
        backend.EnsureCreatedAsync(Arg.Any<CancellationToken>()).Returns(creation.Task);
        var storage = new EngineStorageInitializer(backend, NullLogger<EngineStorageInitializer>.Instance);

        var start = storage.StartAsync(CancellationToken.None);
        var wait = storage.WhenCreatedAsync();

        start.IsCompletedSuccessfully.ShouldBeTrue();
        wait.IsCompleted.ShouldBeFalse();
        creation.SetResult();
        await wait;
        await backend.Received(1).EnsureCreatedAsync(Arg.Any<CancellationToken>());
    }
}
