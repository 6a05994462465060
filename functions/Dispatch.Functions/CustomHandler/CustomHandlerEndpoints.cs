using Dispatch.Functions.CustomHandler;
using Microsoft.AspNetCore.Mvc;

// In the root namespace so Program.cs maps it with one line and no using.
namespace Dispatch.Functions;

/// <summary>
/// What the host needs to run as an Azure Functions custom handler: the timer function's endpoint, the
/// Durable management API under <c>/api/durabletask</c> (the Functions host shadows <c>/runtime/webhooks</c>),
/// and the <c>--write-functions &lt;dir&gt;</c> mode that writes the function definitions from the mapped endpoints.
/// </summary>
internal static partial class CustomHandlerEndpoints
{
    /// <summary>The configuration key (command line <c>--write-functions &lt;dir&gt;</c>) of the definitions mode.</summary>
    public const string WriteFunctionsKey = "write-functions";

    /// <summary>The configuration key that turns the custom-handler-only routes on or off explicitly.</summary>
    public const string EnabledKey = "Dispatch:CustomHandler:Enabled";

    /// <summary>The Durable management API's prefix, which the Functions host keeps for its extensions' webhooks.</summary>
    public const string DurableWebhookPrefix = "runtime/webhooks/durabletask";

    /// <summary>Where the Durable management API is reachable through the Functions host.</summary>
    public const string DurableAliasPrefix = "api/durabletask";

    /// <summary>
    /// Maps <c>POST /AdvanceDueWork</c>; as a custom handler (see <see cref="IsCustomHandler"/>) also the Durable
    /// management API under <c>/api/durabletask</c>; with <c>--write-functions &lt;dir&gt;</c>, writes the function
    /// definitions once the host has started (every endpoint is mapped by then) and stops it.
    /// </summary>
    public static WebApplication MapCustomHandler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var budget = DueWorkTimerFunction.ReadBudget(app.Configuration);

        // Reachable only on loopback in Azure: the Functions host forwards just the routes of HTTP functions.
        app.MapPost("/" + DueWorkTimerFunction.Name, (
                [FromBody] InvocationRequest? request,
                HttpContext http,
                ILoggerFactory loggers) =>
            DueWorkTimerFunction.InvokeAsync(
                request,
                DueWorkDrainerResolver.Resolve(http.RequestServices),
                budget,
                http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System,
                loggers.CreateLogger(typeof(DueWorkTimerFunction).FullName!),
                http.RequestAborted))
            .WithName(DueWorkTimerFunction.Name)
            .WithMetadata(new CustomHandlerTriggerMetadata())
            .AllowAnonymous()
            .ExcludeFromDescription();

        if (IsCustomHandler(app.Configuration))
        {
            // Endpoints are read lazily, so routes mapped after this call are mirrored too.
            IEndpointRouteBuilder routes = app;
            var mapped = new CompositeEndpointDataSource([.. routes.DataSources]);
            routes.DataSources.Add(new PrefixAliasEndpointDataSource(mapped, DurableWebhookPrefix, DurableAliasPrefix));
        }

        var target = app.Configuration[WriteFunctionsKey];
        if (!string.IsNullOrWhiteSpace(target))
        {
            app.Lifetime.ApplicationStarted.Register(() => WriteAndStop(app, Path.GetFullPath(target)));
        }

        return app;
    }

    /// <summary>
    /// Whether the host runs (or is packaged) as a custom handler: <c>Dispatch:CustomHandler:Enabled</c> when set,
    /// else true when the Functions host gave a port or the definitions are being written.
    /// </summary>
    public static bool IsCustomHandler(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabled = configuration[EnabledKey];
        if (!string.IsNullOrWhiteSpace(enabled))
        {
            return bool.TryParse(enabled, out var value)
                ? value
                : throw new InvalidOperationException($"{EnabledKey} must be true or false, not '{enabled}'.");
        }

        return !string.IsNullOrEmpty(configuration[HostPort.CustomHandlerPortVariable]) ||
               !string.IsNullOrWhiteSpace(configuration[WriteFunctionsKey]);
    }

    /// <summary>The definitions for every endpoint the application has mapped.</summary>
    public static IReadOnlyList<IFunctionDefinition> Definitions(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints;
        return FunctionDefinitionGenerator.Generate(endpoints, DueWorkTimerFunction.Definition);
    }

    private static void WriteAndStop(WebApplication app, string target)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CustomHandlerEndpoints).FullName!);
        try
        {
            var written = FunctionDefinitionWriter.Write(target, Definitions(app.Services));
            LogWritten(logger, written.Count, target);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            LogWriteFailed(logger, e, target);
            Environment.ExitCode = 1;
        }
        finally
        {
            app.Lifetime.StopApplication();
        }
    }

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Wrote {Count} function definitions to {Directory}")]
    private static partial void LogWritten(ILogger logger, int count, string directory);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Error, Message = "Could not write the function definitions to {Directory}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory);
}
