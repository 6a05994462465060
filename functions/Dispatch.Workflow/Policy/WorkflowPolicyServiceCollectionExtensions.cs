using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Policy;

/// <summary>Registers the county policy.</summary>
public static class WorkflowPolicyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WorkflowPolicy"/> from <c>Dispatch:Policy</c> and validates it (DataAnnotations and
    /// cross-setting rules) when the host starts, so a bad policy stops start-up with every error listed.
    /// </summary>
    public static OptionsBuilder<WorkflowPolicy> AddWorkflowPolicy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WorkflowPolicy>, WorkflowPolicyValidator>());
        return services.AddOptions<WorkflowPolicy>()
            .BindConfiguration(WorkflowPolicy.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
