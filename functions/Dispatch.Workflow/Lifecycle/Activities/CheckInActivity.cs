using Dispatch.Durable;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle.Activities;

/// <summary>
/// Every step of a monthly check-in the orchestration takes: request, reminder, escalation, missed,
/// low-attendance flag, and recording an answer that arrived in its signal. Answers to a check-in already
/// closed, or to an assignment no longer running, are written by <see cref="AssignmentService"/> itself.
/// </summary>
[DurableTask(Name)]
internal sealed class CheckInActivity(WorkflowRepository repository, LifecycleNotifier notifier, IOptionsMonitor<WorkflowPolicy> policy)
    : TaskActivity<CheckInInput, CheckInResult>
{
    public const string Name = "Workflow.CheckIn";

    public override async Task<CheckInResult> RunAsync(TaskActivityContext context, CheckInInput input)
    {
        var ct = context.CancellationToken;
        var c = input.Context;
        var id = input.CheckInId ?? CheckInRecord.IdFor(c.AssignmentId, input.Period);
        var (year, month) = ParsePeriod(input.Period);
        var values = new NoticeModel().Month(NoticeModelKeys.Month, year, month);
        NoticeRequest Request(NoticeKind kind, string period, NoticeModel model) => new()
        {
            Kind = kind,
            Context = c,
            Period = period,
            Values = model.Build(),
            CheckInId = id,
            LinkExpiresAt = input.Now.AddDays(120),
        };

        switch (input.Op)
        {
            case CheckInOp.Start:
            {
                var record = await repository.CreateCheckInAsync(
                    new CheckInRecord { Id = id, AssignmentId = c.AssignmentId, RoundId = c.RoundId, Period = input.Period, Status = CheckInStatus.Requested, RequestedAt = input.Now, ClosesAt = input.ClosesAt },
                    ct);
                await notifier.SendAsync(Request(NoticeKind.CheckInRequest, input.Period, values.Date(NoticeModelKeys.DueDate, LastDay(input.ClosesAt))), ct);
                return new CheckInResult(id, record.Status, false, LifecycleSettings.From(policy.CurrentValue));
            }

            case CheckInOp.Remind:
            {
                var record = await repository.UpdateCheckInAsync(c.RoundId, id, r => r.Status == CheckInStatus.Requested ? r with { Status = CheckInStatus.Reminded, RemindedAt = input.Now } : null, ct);
                if (record is { Status: CheckInStatus.Reminded })
                {
                    await notifier.SendAsync(Request(NoticeKind.CheckInReminder, input.Period + "/r", values.Date(NoticeModelKeys.DueDate, LastDay(record.ClosesAt))), ct);
                }

                return new CheckInResult(id, record?.Status ?? CheckInStatus.Requested, false, null);
            }

            case CheckInOp.Escalate:
            {
                var record = await repository.UpdateCheckInAsync(c.RoundId, id, r => r.Status is CheckInStatus.Requested or CheckInStatus.Reminded ? r with { Status = CheckInStatus.Escalated, EscalatedAt = input.Now } : null, ct);
                if (record is { Status: CheckInStatus.Escalated })
                {
                    var waited = (int)Math.Floor((input.Now - record.RequestedAt).TotalDays);
                    await notifier.SendAsync(Request(NoticeKind.CheckInEscalation, input.Period + "/e", values.Integer(NoticeModelKeys.DaysWaiting, waited)), ct);
                }

                return new CheckInResult(id, record?.Status ?? CheckInStatus.Requested, false, null);
            }

            case CheckInOp.Miss:
            {
                var record = await repository.UpdateCheckInAsync(c.RoundId, id, r => r.IsOpen ? r with { Status = CheckInStatus.Missed } : null, ct);
                if (record is { Status: CheckInStatus.Missed })
                {
                    await notifier.SendAsync(Request(NoticeKind.MissedMonthNotice, input.Period, values), ct);
                }
                else if (record is { Status: CheckInStatus.Answered, LowAttendance: true, Answer: { } answered })
                {
                    await notifier.SendAsync(Request(NoticeKind.LowAttendanceNotice, record.Period, values.Integer(NoticeModelKeys.DaysInVillage, answered.DaysInVillage).Integer(NoticeModelKeys.MinimumDays, policy.CurrentValue.MinDaysInVillage)), ct);
                }

                return new CheckInResult(id, record?.Status ?? CheckInStatus.Missed, record?.LowAttendance ?? false, null);
            }

            case CheckInOp.FlagLow:
            {
                var record = (await repository.GetCheckInAsync(c.RoundId, id, ct))?.Value;
                if (record is { LowAttendance: true, Answer: { } answered })
                {
                    await notifier.SendAsync(Request(NoticeKind.LowAttendanceNotice, record.Period, values.Integer(NoticeModelKeys.DaysInVillage, answered.DaysInVillage).Integer(NoticeModelKeys.MinimumDays, policy.CurrentValue.MinDaysInVillage)), ct);
                }

                return new CheckInResult(id, record?.Status ?? CheckInStatus.Answered, record?.LowAttendance ?? false, null);
            }

            case CheckInOp.Record:
            {
                var answer = input.Answer ?? throw new ArgumentException("A check-in answer is required.", nameof(input));
                var minimum = policy.CurrentValue.MinDaysInVillage;
                var recorded = false;
                var valid = answer.Validate().Count == 0;
                var record = await repository.UpdateCheckInAsync(
                    c.RoundId,
                    id,
                    r =>
                    {
                        recorded = false;
                        if (!valid || r.Status is CheckInStatus.Answered or CheckInStatus.AnsweredLate)
                        {
                            return null;
                        }

                        recorded = true;
                        return r.WithAnswer(answer, input.AnsweredAt ?? input.Now, input.Source ?? "form", minimum);
                    },
                    ct);
                if (record is null)
                {
                    // Not a check-in of this assignment (an event raised by hand): nothing to store.
                    return new CheckInResult(id, CheckInStatus.Requested, false, null);
                }

                // The first answer stands; a second one sent before the first was recorded changes nothing, and
                // an invalid one (only an event raised by hand can carry one) is not stored.
                if (recorded && record is { Status: CheckInStatus.Answered, LowAttendance: true })
                {
                    await notifier.SendAsync(Request(NoticeKind.LowAttendanceNotice, record.Period, values.Integer(NoticeModelKeys.DaysInVillage, answer.DaysInVillage).Integer(NoticeModelKeys.MinimumDays, minimum)), ct);
                }

                return new CheckInResult(id, record.Status, record.LowAttendance, null);
            }

            default:
                throw new ArgumentException($"Unknown check-in step {input.Op}.", nameof(input));
        }
    }

    private static DateOnly LastDay(DateTimeOffset closesAt) =>
        DateOnly.FromDateTime(closesAt.ToOffset(LifecycleClock.LocalOffset).DateTime).AddDays(-1);

    private static (int Year, int Month) ParsePeriod(string period) =>
        (int.Parse(period[..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(period[5..7], System.Globalization.CultureInfo.InvariantCulture));
}
