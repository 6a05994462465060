namespace Dispatch.Functions.Hosting;

/// <summary>Which clock the host runs on.</summary>
internal enum ClockMode
{
    /// <summary>The real system clock.</summary>
    System,

    /// <summary>Time moves only through <c>POST /api/admin/clock/advance</c> (development only).</summary>
    Manual,

    /// <summary>Time runs faster than real time by <c>Dispatch:Clock:Speed</c> (development only).</summary>
    Scaled,
}
