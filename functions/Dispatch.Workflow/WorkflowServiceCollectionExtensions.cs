using Dispatch.Durable;
using Dispatch.Durable.Client;
using Dispatch.Mail;
using Dispatch.Tables;
using Dispatch.Workflow.Lifecycle;
using Dispatch.Workflow.Lifecycle.Activities;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow;

/// <summary>Registers the assignment workflow with dependency injection and the durable task registry.</summary>
public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// Adds the workflow: the validated county policy (<c>Dispatch:Policy</c>), its storage, and
    /// <see cref="AssignmentService"/>. The host also registers a <see cref="DurableTaskClient"/>, an
    /// <see cref="INoticeSender"/>, a <see cref="TimeProvider"/> (System when absent) and, for
    /// <see cref="WorkflowStorage.TableStorage"/>, a <see cref="TableServiceClient"/>; and calls
    /// <see cref="AddDispatchWorkflow(DurableTaskRegistry)"/> on its worker's registry.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="storage">Where the data goes.</param>
    /// <param name="tablePrefix">A prefix for the workflow's table names (Table Storage only).</param>
    /// <param name="mirrorTables">
    /// Table Storage only: answer reads from a write-through in-memory mirror of the workflow tables, each
    /// loaded whole on first use, and register an <see cref="IWorkflowStorageWarmUp"/> that loads them ahead of
    /// the first request. Set it ONLY when this process is the sole writer of these tables (a standalone host,
    /// a bench); never on Azure Functions, where several hosts write the same tables.
    /// </param>
    public static IServiceCollection AddDispatchWorkflow(this IServiceCollection services, WorkflowStorage storage = WorkflowStorage.TableStorage, string tablePrefix = "", bool mirrorTables = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflowPolicy();
        services.TryAddSingleton(TimeProvider.System);
        if (storage == WorkflowStorage.TableStorage && mirrorTables)
        {
            services.TryAddSingleton(sp => new MirroredDocumentStore(new TableDocumentStore(sp.GetRequiredService<TableServiceClient>(), tablePrefix)));
            services.TryAddSingleton<IDocumentStore>(sp => sp.GetRequiredService<MirroredDocumentStore>());
            services.TryAddSingleton<IWorkflowStorageWarmUp>(sp => sp.GetRequiredService<MirroredDocumentStore>());
        }
        else
        {
            services.TryAddSingleton<IDocumentStore>(sp => storage == WorkflowStorage.InMemory
                ? new InMemoryDocumentStore()
                : new TableDocumentStore(sp.GetRequiredService<TableServiceClient>(), tablePrefix));
        }

        services.TryAddSingleton<WorkflowRepository>();
        services.TryAddSingleton<SelectionService>();
        services.TryAddTransient<LifecycleNotifier>();
        services.TryAddSingleton(sp => new AssignmentService(
            sp.GetRequiredService<WorkflowRepository>(),
            sp.GetRequiredService<SelectionService>(),
            sp.GetRequiredService<DurableTaskClient>(),
            sp.GetRequiredService<IOptionsMonitor<WorkflowPolicy>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddTransient<PrepareAssignmentActivity>();
        services.TryAddTransient<ProposeActivity>();
        services.TryAddTransient<ConfirmSelectionActivity>();
        services.TryAddTransient<AppointActivity>();
        services.TryAddTransient<HandoverActivity>();
        services.TryAddTransient<CheckInActivity>();
        services.TryAddTransient<ReviewActivity>();
        services.TryAddTransient<NotifyActivity>();
        services.TryAddTransient<StageActivity>();
        services.TryAddTransient<FollowUpActivity>();
        services.TryAddTransient<FinishActivity>();
        return services;
    }

    /// <summary>Registers the assignment orchestration and its activities.</summary>
    public static DurableTaskRegistry AddDispatchWorkflow(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<AssignmentOrchestrator>()
            .AddActivity<PrepareAssignmentActivity>()
            .AddActivity<ProposeActivity>()
            .AddActivity<ConfirmSelectionActivity>()
            .AddActivity<AppointActivity>()
            .AddActivity<HandoverActivity>()
            .AddActivity<CheckInActivity>()
            .AddActivity<ReviewActivity>()
            .AddActivity<NotifyActivity>()
            .AddActivity<StageActivity>()
            .AddActivity<FollowUpActivity>()
            .AddActivity<FinishActivity>();
    }
}
