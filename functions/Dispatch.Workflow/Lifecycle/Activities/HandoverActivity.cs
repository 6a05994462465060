using Dispatch.Durable;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>Every step of a handover or orientation: the record and the notices that go with it.</summary>
[DurableTask(Name)]
internal sealed class HandoverActivity(WorkflowRepository repository, LifecycleNotifier notifier) : TaskActivity<HandoverInput, HandoverRecord>
{
    public const string Name = "Workflow.Handover";
    public static readonly TimeSpan MeetingLength = TimeSpan.FromHours(2);

    public override async Task<HandoverRecord> RunAsync(TaskActivityContext context, HandoverInput input)
    {
        var ct = context.CancellationToken;
        var c = input.Context;
        HandoverRecord Create() => new()
        {
            Id = c.AssignmentId,
            AssignmentId = c.AssignmentId,
            OutgoingAssignmentId = c.OutgoingAssignmentId,
            OutgoingCadreId = c.OutgoingCadreId,
            MeetingAt = input.MeetingAt,
            Location = c.VillageName + "村委会",
        };

        Task<HandoverRecord> Update(Func<HandoverRecord, HandoverRecord> change) => repository.UpdateHandoverAsync(c.AssignmentId, Create, change, ct);
        NoticeRequest Request(NoticeKind kind, string period, IReadOnlyDictionary<string, string>? values = null, CalendarEvent? meeting = null, bool? outgoing = null) => new()
        {
            Kind = kind,
            Context = c,
            Period = period,
            Values = values ?? new Dictionary<string, string>(),
            LinkExpiresAt = input.Now.AddDays(120),
            Meeting = meeting,
            Outgoing = outgoing,
        };

        switch (input.Op)
        {
            case HandoverOp.Open:
            case HandoverOp.Reschedule:
            {
                var record = await Update(r => input.Op == HandoverOp.Open
                    ? r
                    : r with { MeetingAt = input.MeetingAt, Sequence = r.Sequence + 1, OutgoingConfirmed = false, IncomingConfirmed = false });
                var meeting = new CalendarEvent($"handover-{c.AssignmentId}@dispatch", record.Sequence, record.MeetingAt, record.MeetingAt + MeetingLength, record.Location);
                var values = new NoticeModel()
                    .DateTime(NoticeModelKeys.MeetingStart, record.MeetingAt)
                    .Text(NoticeModelKeys.MeetingLocation, record.Location)
                    .Build();
                var kind = record.IsOrientation ? NoticeKind.OrientationInvitation : NoticeKind.HandoverInvitation;
                await notifier.SendAsync(Request(kind, "v" + record.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), values, meeting), ct);
                return record;
            }

            case HandoverOp.Respond:
                return await Update(r => input.Outgoing ? r with { OutgoingConfirmed = true } : r with { IncomingConfirmed = true });

            case HandoverOp.RequestList:
                await notifier.SendAsync(Request(NoticeKind.HandoverListRequest, "list-" + input.Attempt, Due(input.DueAt)), ct);
                return await Update(r => r with { ListRequestedAt = input.Now });

            case HandoverOp.ReviewList:
                await notifier.SendAsync(Request(NoticeKind.HandoverListReview, "review-" + input.Attempt, Due(input.DueAt)), ct);
                return await Update(r => r);

            case HandoverOp.Reviewed:
                return await Update(r => input.Accepted
                    ? r with { CompletedAt = input.Now, Missing = null }
                    : r with { Missing = input.Missing, ReturnedList = r.List ?? r.ReturnedList, List = null, ListSubmittedAt = null });

            case HandoverOp.Remind:
                await notifier.SendAsync(Request(NoticeKind.HandoverReminder, input.Step + "/r", Due(input.DueAt), outgoing: input.RemindOutgoing), ct);
                return await Update(r => r);

            case HandoverOp.Escalate:
                await notifier.SendAsync(Request(NoticeKind.HandoverEscalation, input.Step + "/e", new NoticeModel().Integer(NoticeModelKeys.DaysWaiting, input.DaysWaiting).Build()), ct);
                return await Update(r => r);

            case HandoverOp.Complete:
            {
                var record = await Update(r => r.CompletedAt is null ? r with { CompletedAt = input.Now } : r);
                if (!record.IsOrientation)
                {
                    await notifier.SendAsync(Request(NoticeKind.HandoverCompleted, string.Empty), ct);
                }

                await repository.UpdateAssignmentAsync(
                    c.RoundId,
                    c.AssignmentId,
                    () => new AssignmentRecord { Id = c.AssignmentId, RoundId = c.RoundId, VillageId = c.VillageId },
                    r => r with { Stage = AssignmentStage.Term, UpdatedAt = input.Now },
                    ct);
                return record;
            }

            default:
                throw new ArgumentException($"Unknown handover step {input.Op}.", nameof(input));
        }
    }

    private static IReadOnlyDictionary<string, string> Due(DateTimeOffset due) =>
        new NoticeModel().Date(NoticeModelKeys.DueDate, DateOnly.FromDateTime(due.ToOffset(LifecycleClock.LocalOffset).DateTime)).Build();
}
