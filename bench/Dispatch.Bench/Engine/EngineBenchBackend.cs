using Dispatch.Durable.Backend;

namespace Dispatch.Bench.Engine;

/// <summary>A backend the engine suite measures: the in-memory one now, the Table backend over Azurite when it lands.</summary>
/// <param name="Name">The figure prefix, e.g. <c>memory</c> or <c>azurite</c>.</param>
/// <param name="Create">Creates a fresh, empty backend on the given clock.</param>
/// <param name="Scale">Multiplier for workload sizes (1 for memory; storage backends may run smaller workloads).</param>
public sealed record EngineBenchBackend(string Name, Func<TimeProvider, IOrchestrationBackend> Create, double Scale = 1.0);
