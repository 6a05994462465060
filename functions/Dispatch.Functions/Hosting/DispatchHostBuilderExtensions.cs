using Azure.Identity;
using Dispatch.Durable;
using Dispatch.Durable.Storage.Tables;
using Dispatch.Durable.Testing;
using Dispatch.Durable.Worker;
using Dispatch.Functions.Clock;
using Dispatch.Functions.CustomHandler;
using Dispatch.Functions.Errors;
using Dispatch.Functions.Forms;
using Dispatch.Functions.Security;
using Dispatch.Mail;
using Dispatch.Tables;
using Dispatch.Workflow;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Dispatch.Functions.Hosting;

/// <summary>The host's cross-cutting set-up: options, JSON, errors, keys and roles, the clock, OpenAPI.</summary>
internal static class DispatchHostBuilderExtensions
{
    /// <summary>Registers the host's services.</summary>
    public static WebApplicationBuilder AddDispatchHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var keysFile = DevelopmentKeys.Apply(builder.Configuration);
        var services = builder.Services;

        services.AddOptions<DispatchHostOptions>()
            .BindConfiguration(DispatchHostOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DispatchHostOptions>, DispatchHostOptionsValidator>();
        services.AddSingleton(new DevelopmentKeysFile(keysFile));

        services.Configure<JsonOptions>(o => DispatchJson.Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<ProblemExceptionHandler>();

        services.AddAuthentication(FunctionsKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, FunctionsKeyAuthenticationHandler>(FunctionsKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(o =>
        {
            foreach (var (policy, roles) in DispatchRoles.PolicyRoles)
            {
                o.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
            }
        });

        services.AddSingleton(CreateClock);
        AddEngine(builder);
        services.AddAntiforgery();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Dispatch";
            document.Info.Description = "Village first-secretary dispatch: HR, manager, form, webhook and Durable management endpoints. " +
                "Keys go in the x-functions-key header or the code query parameter.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>Adds the middleware in order: errors first, then the wait for the engine's tables, the body limit, keys and roles.</summary>
    public static WebApplication UseDispatchHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (app.Services.GetService<EngineStorageInitializer>() is { } storage)
        {
            // The engine's tables are created in the background so the start does not wait for storage;
            // everything but the health probe (which must answer while storage is down) waits for them.
            app.Use(async (context, next) =>
            {
                if (!context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                {
                    await storage.WhenCreatedAsync(context.RequestAborted);
                }

                await next(context);
            });
        }

        app.UseRequestBodyLimit();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    // The engine takes its settings at registration, so they are read from configuration here; the
    // validated options object checks the same values at start.
    private static void AddEngine(WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(DispatchHostOptions.SectionName).Get<DispatchHostOptions>() ?? new DispatchHostOptions();
        var manual = settings.Clock.Mode == ClockMode.Manual;
        var tables = settings.Storage.Mode == WorkflowStorage.TableStorage;
        var singleWriter = settings.Storage.SingleWriter ?? string.IsNullOrEmpty(builder.Configuration[HostPort.CustomHandlerPortVariable]);
        builder.Services.AddDurableTask(
            o =>
            {
                o.HubName = settings.TaskHub;
                o.EnableWorker = !manual;
                if (tables)
                {
                    o.UseBackend((sp, time) => new TableOrchestrationBackend(
                        new TableOrchestrationBackendOptions
                        {
                            ServiceClient = sp.GetRequiredService<TableServiceClient>(),
                            TaskHubName = settings.TaskHub,
                            TimeProvider = time,
                            CacheInstanceRows = singleWriter,
                        },
                        sp.GetRequiredService<ILogger<TableOrchestrationBackend>>()));
                }
                else
                {
                    o.UseInMemoryBackend();
                }
            },
            registry => registry.AddDispatchWorkflow());

        // The Functions timer trigger (POST /AdvanceDueWork) drains due work through the engine worker.
        builder.Services.AddSingleton<IDueWorkDrainer, EngineDueWorkDrainer>();
        if (tables)
        {
            builder.Services.AddSingleton(_ => CreateTableService(settings.Storage));
            builder.Services.AddSingleton<EngineStorageInitializer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<EngineStorageInitializer>());

            // One key ring for every instance of the app (antiforgery tokens), kept beside the task hub.
            builder.Services.AddDataProtection().SetApplicationName("Dispatch");
            builder.Services.AddOptions<KeyManagementOptions>().Configure<TableServiceClient>((o, service) =>
                o.XmlRepository = new TableXmlRepository(service.GetTableClient(settings.TaskHub + TableXmlRepository.TableSuffix)));
        }

        builder.Services.AddDispatchMail(builder.Configuration);
        builder.Services.AddDispatchWorkflow(settings.Storage.Mode, settings.TaskHub, mirrorTables: singleWriter);
        builder.Services.AddSingleton<ICheckInForms, WorkflowCheckInForms>();
        builder.Services.AddSingleton<IHandoverForms, WorkflowHandoverForms>();
        builder.Services.AddSingleton<IReviewForms, WorkflowReviewForms>();
        if (settings.Demo.Seed)
        {
            // Waits for the engine's tables, which are created in the background.
            builder.Services.AddHostedService<DemoSeeder>();
        }

        if (manual)
        {
            builder.Services.AddSingleton(sp => new ManualClockDriver(
                sp.GetRequiredService<TimeProvider>() as ManualTimeProvider
                    ?? throw new InvalidOperationException("The manual clock mode needs the manual TimeProvider."),
                sp.GetRequiredService<DurableTaskWorker>()));
        }
    }

    // Validation runs at start, after the container is built, so a bad setting must not throw here first.
    private static TableServiceClient CreateTableService(DispatchHostOptions.StorageSettings storage) =>
        storage.TableServiceUri is { IsAbsoluteUri: true } uri && storage.ConnectionString is null
            ? new TableServiceClient(uri, new DefaultAzureCredential())
            : new TableServiceClient(storage.EffectiveConnectionString ?? DispatchHostOptions.LocalAzuriteConnectionString);

    private static TimeProvider CreateClock(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DispatchHostOptions>>().Value;
        var start = options.Clock.Start ?? TimeProvider.System.GetUtcNow();
        return options.Clock.Mode switch
        {
            ClockMode.Manual => new ManualTimeProvider(start),
            ClockMode.Scaled => new ScaledTimeProvider(start, options.Clock.Speed),
            _ => TimeProvider.System,
        };
    }
}
