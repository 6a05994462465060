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
    public static IServiceCollection AddDispatchWorkflow(this IServiceCollection services, WorkflowStorage storage = WorkflowStorage.TableStorage, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddWorkflowPolicy();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDocumentStore>(sp => storage == WorkflowStorage.InMemory
            ? new InMemoryDocumentStore()
            : new TableDocumentStore(sp.GetRequiredService<TableServiceClient>(), tablePrefix));
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
