using Dispatch.Functions.Hosting;

namespace Dispatch.Functions.Apis;

/// <summary>The host's clock as <c>GET /api/admin/clock</c> and the advance call report it.</summary>
/// <param name="Mode">The clock mode.</param>
/// <param name="Now">The current time on that clock.</param>
/// <param name="Processed">Work items the engine processed during an advance (0 for a read).</param>
internal sealed record ClockState(ClockMode Mode, DateTimeOffset Now, int Processed);
