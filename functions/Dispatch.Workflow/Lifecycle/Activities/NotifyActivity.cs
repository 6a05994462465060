using Dispatch.Durable;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Sends the notices of one request.</summary>
[DurableTask(Name)]
internal sealed class NotifyActivity(LifecycleNotifier notifier) : TaskActivity<NotifyInput, int>
{
    public const string Name = "Workflow.Notify";

    public override Task<int> RunAsync(TaskActivityContext context, NotifyInput input) =>
        notifier.SendAsync(input.Request, context.CancellationToken);
}
