using Dispatch.Durable;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Fixes the term and sends the appointment notices (cadre, dispatching unit, township), or the extension notice.</summary>
[DurableTask(Name)]
internal sealed class AppointActivity(WorkflowRepository repository, LifecycleNotifier notifier) : TaskActivity<AppointInput, AssignmentContext>
{
    public const string Name = "Workflow.Appoint";

    public override async Task<AssignmentContext> RunAsync(TaskActivityContext context, AppointInput input)
    {
        var ct = context.CancellationToken;
        var c = input.Context;
        var start = input.FixedStart ?? (c.RoundStartsOn > input.Today ? c.RoundStartsOn : input.Today);
        var end = input.FixedEnd is { } fixedEnd && fixedEnd >= start.AddMonths(1) ? fixedEnd : start.AddMonths(input.TermMonths);
        var next = c with { TermStart = start, TermEnd = end };
        await repository.UpdateAssignmentAsync(
            c.RoundId,
            c.AssignmentId,
            () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
            r => r with { TermStart = start, TermEnd = end, Stage = AssignmentStage.Handover, UpdatedAt = input.Now },
            ct);
        await repository.UpdateHistoryAsync(
            c.CadreId!,
            h => h.Villages.Contains(c.VillageId) ? h : h with { Villages = [.. h.Villages, c.VillageId] },
            ct);
        var expires = input.Now.AddDays(365 * 4);
        if (input.Extension)
        {
            await notifier.SendAsync(
                new NoticeRequest
                {
                    Kind = NoticeKind.Extension,
                    Context = next with { TermEnd = start },
                    LinkExpiresAt = expires,
                    Values = new NoticeModel().Date(NoticeModelKeys.NewTermEnd, end).Build(),
                },
                ct);
            return next;
        }

        foreach (var kind in new[] { NoticeKind.Appointment, NoticeKind.UnitNotice, NoticeKind.TownshipNotice })
        {
            await notifier.SendAsync(new NoticeRequest { Kind = kind, Context = next, LinkExpiresAt = expires }, ct);
        }

        return next;
    }
}
