using Dispatch.Durable.Backend;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Tests.Conformance;
using Dispatch.Testing;

namespace Dispatch.Durable.Tests.Tables;

/// <summary>The backend conformance suite on the Table backend over Azurite; each test gets its own task hub.</summary>
public sealed class TableBackendConformanceTests(AzuriteFixture azurite) : BackendConformanceTests, IClassFixture<AzuriteFixture>
{
    protected override IOrchestrationBackend CreateBackend(TimeProvider timeProvider) =>
        new TableOrchestrationBackend(new TableOrchestrationBackendOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = AzuriteFixture.UniqueTableName("conf"),
            ShardCount = 4,
            TimeProvider = timeProvider,
        });
}
