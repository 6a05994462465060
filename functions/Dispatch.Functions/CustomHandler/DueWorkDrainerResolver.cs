namespace Dispatch.Functions.CustomHandler;

/// <summary>Finds the due-work drainer for the timer function.</summary>
internal static class DueWorkDrainerResolver
{
    /// <summary>The registered <see cref="IDueWorkDrainer"/> (the engine's, see <c>AddDispatchHost</c>), or null without an engine.</summary>
    public static IDueWorkDrainer? Resolve(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<IDueWorkDrainer>();
    }
}
