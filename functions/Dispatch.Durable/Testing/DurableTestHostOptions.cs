using Dispatch.Durable.Backend;
using Dispatch.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Dispatch.Durable.Testing;

/// <summary>Options of a <see cref="DurableTestHost"/>.</summary>
public sealed class DurableTestHostOptions
{
    /// <summary>
    /// Gets or sets the clock. It must be settable: either give <see cref="SetUtcNow"/> or use a clock with a
    /// public <c>SetUtcNow(DateTimeOffset)</c> method (Dispatch.Testing's and Microsoft's FakeTimeProvider).
    /// A fake clock starting 2026-01-01 is created when null.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets how the host moves the clock forward.</summary>
    public Action<DateTimeOffset>? SetUtcNow { get; set; }

    /// <summary>Gets or sets the backend; in-memory when null. Give a Table backend to run the same test over Azurite.</summary>
    public Func<TimeProvider, IOrchestrationBackend>? Backend { get; set; }

    /// <summary>Gets or sets extra service registrations (activities' dependencies).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Gets or sets worker settings.</summary>
    public Action<DurableTaskWorkerOptions>? ConfigureWorker { get; set; }

    /// <summary>Gets or sets the longest span of orchestration time a client wait may skip before giving up; 100 years by default.</summary>
    public TimeSpan MaxSkip { get; set; } = TimeSpan.FromDays(36_500);
}
