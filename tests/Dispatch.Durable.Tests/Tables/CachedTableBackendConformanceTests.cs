using Dispatch.Durable.Backend;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Tests.Conformance;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>The backend conformance suite on the Table backend with instance rows served from memory.</summary>
public sealed class CachedTableBackendConformanceTests(AzuriteFixture azurite) : BackendConformanceTests, IClassFixture<AzuriteFixture>
{
    protected override IOrchestrationBackend CreateBackend(TimeProvider timeProvider) =>
        new TableOrchestrationBackend(new TableOrchestrationBackendOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = AzuriteFixture.UniqueTableName("cconf"),
            ShardCount = 4,
            TimeProvider = timeProvider,
            CacheInstanceRows = true,
        });
}
