using Dispatch.Functions.CustomHandler;
using Microsoft.AspNetCore.Mvc;

// In the root namespace so Program.cs maps it with one line and no using.
namespace Dispatch.Functions;

/// <summary>
/// What the host needs to run as an Azure Functions custom handler: the timer function's endpoint and the
/// <c>--write-functions &lt;dir&gt;</c> mode that writes the function definitions from the mapped endpoints.
/// </summary>
internal static partial class CustomHandlerEndpoints
{
    /// <summary>The configuration key (command line <c>--write-functions &lt;dir&gt;</c>) of the definitions mode.</summary>
    public const string WriteFunctionsKey = "write-functions";

    /// <summary>
    /// Maps <c>POST /AdvanceDueWork</c>; with <c>--write-functions &lt;dir&gt;</c>, writes the function definitions
    /// once the host has started (every endpoint is mapped by then) and stops it.
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

        var target = app.Configuration[WriteFunctionsKey];
        if (!string.IsNullOrWhiteSpace(target))
        {
            app.Lifetime.ApplicationStarted.Register(() => WriteAndStop(app, Path.GetFullPath(target)));
        }

        return app;
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
