using Dispatch.Durable.Backend;
using Dispatch.Durable.Storage.InMemory;

namespace Dispatch.Durable.Tests.Conformance;

public sealed class InMemoryBackendConformanceTests : BackendConformanceTests
{
    protected override IOrchestrationBackend CreateBackend(TimeProvider timeProvider) => new InMemoryOrchestrationBackend(timeProvider);
}
