namespace Dispatch.Functions.Clock;

/// <summary>
/// On the manual clock no background worker runs; after a write this filter processes the work it made due
/// (at the frozen current time) before the answer goes out, so a client sees its effect at once.
/// </summary>
internal sealed class ManualClockDrainFilter(ManualClockDriver? driver = null) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(context);
        if (driver is not null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method))
        {
            await driver.DrainAsync(context.HttpContext.RequestAborted);
        }

        return result;
    }
}
