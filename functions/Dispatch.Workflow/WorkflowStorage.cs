namespace Dispatch.Workflow;

/// <summary>Where the workflow keeps its data.</summary>
public enum WorkflowStorage
{
    /// <summary>Azure Table Storage (or Azurite), through the <c>TableServiceClient</c> registered in DI.</summary>
    TableStorage,

    /// <summary>Process memory: for tests and benches; lost when the process ends.</summary>
    InMemory,
}
