using Dispatch.Durable;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Makes a fresh proposal (after a reservation conflict), skipping the cadres already tried.</summary>
[DurableTask(Name)]
internal sealed class ProposeActivity(WorkflowRepository repository, SelectionService selection, IOptionsMonitor<WorkflowPolicy> policy)
    : TaskActivity<ProposeInput, ProposalSummary>
{
    public const string Name = "Workflow.Propose";

    public override async Task<ProposalSummary> RunAsync(TaskActivityContext context, ProposeInput input)
    {
        var village = await repository.GetVillageAsync(input.Context.VillageId, context.CancellationToken)
            ?? throw new ArgumentException($"Village '{input.Context.VillageId}' does not exist.", nameof(input));
        var today = DateOnly.FromDateTime(input.Now.UtcDateTime);
        var asOf = input.Context.RoundStartsOn > today ? input.Context.RoundStartsOn : today;
        return await selection.ProposeAsync(policy.CurrentValue, village, asOf, input.Context.AssignmentId, input.Exclude, context.CancellationToken);
    }
}
