using Dispatch.Mail;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Composes and sends notices for activities; the sender's per-notice-id dedupe makes retried activities safe.</summary>
internal sealed class LifecycleNotifier(IOptionsMonitor<WorkflowPolicy> policy, WorkflowRepository repository, INoticeSender sender)
{
    public async Task<int> SendAsync(NoticeRequest request, CancellationToken cancellationToken = default)
    {
        var notices = await new NoticeComposer(policy.CurrentValue, repository).ComposeAsync(request, cancellationToken);
        foreach (var notice in notices)
        {
            await sender.SendAsync(notice, cancellationToken);
        }

        return notices.Count;
    }
}
