using System.Globalization;
using Dispatch.Durable;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle.Activities;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// One execution of the assignment orchestration. Executions are short: the first runs selection,
/// appointment and handover; then one execution per month of the term (check-in, and a review when one
/// is due) continues as new, so history stays small and new code takes effect at the next month; the last
/// month runs the after-term decision. Every wait listens to the single signal mailbox, so a recall or a
/// late check-in answer is heard whatever the orchestration was waiting for. Time, timers and ids come
/// only from the context.
/// </summary>
internal sealed class LifecycleRun(TaskOrchestrationContext ctx, LifecycleState initial)
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(10)));
    private LifecycleState _state = initial;
    private AssignmentStage _stage = AssignmentStage.Selection;

    private DateTime Now => DateTime.SpecifyKind(ctx.CurrentUtcDateTime, DateTimeKind.Utc);

    private DateTimeOffset NowOffset => new(Now, TimeSpan.Zero);

    private DateOnly Today => LifecycleClock.LocalDate(Now);

    private AssignmentContext Context => _state.Context ?? throw new InvalidOperationException("The assignment context is not loaded yet.");

    private LifecycleSettings Settings => _state.Settings;

    public async Task<AssignmentOutcome> RunAsync()
    {
        try
        {
            return _state.Phase switch
            {
                LifecyclePhase.Start => await StartAsync(),
                LifecyclePhase.Term => await MonthAsync(),
                _ => await HandingOverAsync(),
            };
        }
        catch (RecallRequestedException recall)
        {
            return await RecallAsync(recall.Signal);
        }
    }

    private async Task<AssignmentOutcome> StartAsync()
    {
        var prepared = await Call<PrepareResult>(PrepareAssignmentActivity.Name, new PrepareInput(ctx.InstanceId, _state.Start, Today));
        _state = _state with { Context = prepared.Context, Settings = prepared.Settings };
        var extension = _state.Start.CadreId is not null;
        AssignmentContext? chosen = null;
        if (_state.Start.CadreId is { } preset)
        {
            var kept = await Call<ConfirmResult>(ConfirmSelectionActivity.Name, new ConfirmInput(Context, preset, "续任 / extension", null, [], _state.Start.ContinuesAssignmentId, NowOffset));
            chosen = kept.Succeeded ? kept.Context : null;
            extension = kept.Succeeded;
        }

        chosen ??= await SelectAsync(prepared.Proposal ?? await Call<ProposalSummary>(ProposeActivity.Name, new ProposeInput(Context, [], 1, NowOffset)));
        _state = _state with { Context = chosen };
        _stage = AssignmentStage.Appointment;
        SetStatus("appointment:notices", null);
        var appointed = await Call<AssignmentContext>(
            AppointActivity.Name,
            new AppointInput(Context, Today, _state.Start.TermStart, _state.Start.TermEnd, Settings.TermMonths, extension, NowOffset));
        _state = _state with { Context = appointed, MonthsInTerm = MonthsBetween(appointed.TermStart!.Value, appointed.TermEnd!.Value) };
        if (extension)
        {
            await Stage(AssignmentStage.Term, null, null);
        }
        else
        {
            await HandoverAsync();
        }

        _state = _state with { Phase = LifecyclePhase.Term, Month = 1 };
        ctx.ContinueAsNew(_state);
        return AssignmentOutcome.None;
    }

    private async Task<AssignmentContext> SelectAsync(ProposalSummary proposal)
    {
        _stage = AssignmentStage.Selection;
        var tried = new List<string>();
        for (var attempt = 1; ; attempt++)
        {
            var period = "proposal-" + attempt.ToString(CultureInfo.InvariantCulture);
            var sent = Now;
            var due = LifecycleClock.LocalDate(sent.AddDays(Settings.SelectionEscalationDays));
            await Stage(AssignmentStage.Selection, "selection:decide", sent.AddDays(Settings.SelectionReminderDays), proposal.CadreId);
            var candidate = new NoticeModel()
                .Text(NoticeModelKeys.CandidateName, proposal.CadreName ?? "无合格人选")
                .Text(NoticeModelKeys.CandidateUnit, proposal.UnitName ?? "—")
                .Number(NoticeModelKeys.CandidateScore, proposal.Score)
                .Text(NoticeModelKeys.CandidateReasons, string.Join('\n', proposal.Reasons.Concat(proposal.Warnings)))
                .Date(NoticeModelKeys.DueDate, due)
                .Build();
            await Notify(NoticeKind.SelectionProposal, period, candidate);
            var decision = await AwaitWithFollowUpsAsync(
                s => s.Kind == SignalKind.SelectionDecided && s.CadreId is not null,
                "selection:decide",
                sent,
                Settings.SelectionReminderDays,
                Settings.SelectionEscalationDays,
                () => Notify(NoticeKind.SelectionReminder, period + "/r", candidate),
                () => Notify(NoticeKind.SelectionEscalation, period + "/e", Days(Settings.SelectionEscalationDays)));
            var result = await Call<ConfirmResult>(
                ConfirmSelectionActivity.Name,
                new ConfirmInput(Context, decision.CadreId!, decision.Note, decision.OverrideReason, decision.OverriddenWarnings ?? [], null, NowOffset));
            if (result.Succeeded)
            {
                return result.Context;
            }

            // Another village won the cadre between HR's decision and ours: propose afresh without them.
            tried.Add(decision.CadreId!);
            proposal = await Call<ProposalSummary>(ProposeActivity.Name, new ProposeInput(Context, tried, attempt + 1, NowOffset));
        }
    }

    private async Task HandoverAsync()
    {
        var c = Context;
        _stage = AssignmentStage.Handover;
        var arrival = c.TermStart!.Value > Today ? c.TermStart.Value : Today;
        var latest = LifecycleClock.MorningOf(arrival.AddDays(Settings.HandoverWithinDays));
        var meeting = LifecycleClock.MorningOf(arrival.AddDays(Math.Min(3, Math.Max(0, Settings.HandoverWithinDays - 1))));
        if (meeting <= Now)
        {
            meeting = LifecycleClock.MorningOf(Today.AddDays(1));
        }

        var orientation = c.OutgoingCadreId is null;
        await Stage(AssignmentStage.Handover, orientation ? "orientation:meeting" : "handover:confirm", meeting);
        var record = await Handover(new HandoverInput { Op = HandoverOp.Open, Context = c, MeetingAt = new DateTimeOffset(meeting, TimeSpan.Zero), Now = NowOffset });
        if (orientation)
        {
            await UntilAsync(_ => false, meeting);
            await Handover(new HandoverInput { Op = HandoverOp.Complete, Context = c, Now = NowOffset });
            return;
        }

        await ConfirmMeetingAsync(record, latest);
        for (var attempt = 1; ; attempt++)
        {
            var step = "list-" + attempt.ToString(CultureInfo.InvariantCulture);
            var asked = Now;
            await Handover(new HandoverInput { Op = HandoverOp.RequestList, Context = c, Now = NowOffset, Attempt = attempt, DueAt = NowOffset.AddDays(Settings.HandoverEscalationDays) });
            await AwaitWithFollowUpsAsync(
                s => s.Kind == SignalKind.HandoverListSubmitted,
                "handover:list",
                asked,
                Settings.HandoverReminderDays,
                Settings.HandoverEscalationDays,
                () => Handover(new HandoverInput { Op = HandoverOp.Remind, Context = c, Now = NowOffset, RemindOutgoing = true, Step = step, DueAt = new DateTimeOffset(asked.AddDays(Settings.HandoverEscalationDays), TimeSpan.Zero) }),
                () => Handover(new HandoverInput { Op = HandoverOp.Escalate, Context = c, Now = NowOffset, Step = step, DaysWaiting = Settings.HandoverEscalationDays }));
            var reviewStep = "accept-" + attempt.ToString(CultureInfo.InvariantCulture);
            var shown = Now;
            await Handover(new HandoverInput { Op = HandoverOp.ReviewList, Context = c, Now = NowOffset, Attempt = attempt, DueAt = NowOffset.AddDays(Settings.HandoverEscalationDays) });
            var review = await AwaitWithFollowUpsAsync(
                s => s.Kind == SignalKind.HandoverListReviewed,
                "handover:accept",
                shown,
                Settings.HandoverReminderDays,
                Settings.HandoverEscalationDays,
                () => Handover(new HandoverInput { Op = HandoverOp.Remind, Context = c, Now = NowOffset, RemindOutgoing = false, Step = reviewStep, DueAt = new DateTimeOffset(shown.AddDays(Settings.HandoverEscalationDays), TimeSpan.Zero) }),
                () => Handover(new HandoverInput { Op = HandoverOp.Escalate, Context = c, Now = NowOffset, Step = reviewStep, DaysWaiting = Settings.HandoverEscalationDays }));
            await Handover(new HandoverInput { Op = HandoverOp.Reviewed, Context = c, Now = NowOffset, Accepted = review.Accepted, Missing = review.Missing });
            if (review.Accepted)
            {
                break;
            }
        }

        await Handover(new HandoverInput { Op = HandoverOp.Complete, Context = c, Now = NowOffset });
        if (c.OutgoingAssignmentId is { } outgoing)
        {
            ctx.SendEvent(outgoing, LifecycleSignal.EventName, new LifecycleSignal { Kind = SignalKind.SuccessorHandoverCompleted });
        }
    }

    // Until the meeting: collect both secretaries' confirmations; a request for another time reschedules
    // (within the handover window) and asks both again. The meeting goes ahead at its time regardless.
    private async Task ConfirmMeetingAsync(HandoverRecord record, DateTime latest)
    {
        var c = Context;
        var meeting = record.MeetingAt.UtcDateTime;
        bool outgoingOk = false, incomingOk = false, reminded = false, escalated = false;
        var invited = Now;
        while (!(outgoingOk && incomingOk) && Now < meeting)
        {
            var remindAt = invited.AddDays(Settings.HandoverReminderDays);
            var escalateAt = invited.AddDays(Settings.HandoverEscalationDays);
            var until = !reminded && remindAt < meeting ? remindAt : !escalated && escalateAt < meeting ? escalateAt : meeting;
            SetStatus("handover:confirm", until);
            var signal = await UntilAsync(s => s.Kind == SignalKind.HandoverResponse, until);
            if (signal is null)
            {
                if (!reminded && Now >= remindAt && remindAt < meeting)
                {
                    reminded = true;
                    await Handover(new HandoverInput { Op = HandoverOp.Remind, Context = c, Now = NowOffset, RemindOutgoing = outgoingOk ? false : incomingOk ? true : null, Step = "confirm-" + record.Sequence, DueAt = new DateTimeOffset(meeting, TimeSpan.Zero) });
                }
                else if (!escalated && Now >= escalateAt && escalateAt < meeting)
                {
                    escalated = true;
                    await Handover(new HandoverInput { Op = HandoverOp.Escalate, Context = c, Now = NowOffset, Step = "confirm-" + record.Sequence, DaysWaiting = Settings.HandoverEscalationDays });
                }

                continue;
            }

            if (signal.Accepted)
            {
                await Handover(new HandoverInput { Op = HandoverOp.Respond, Context = c, Now = NowOffset, Outgoing = signal.Outgoing });
                outgoingOk |= signal.Outgoing;
                incomingOk |= !signal.Outgoing;
            }
            else if (signal.ProposedAt is { } proposed)
            {
                var earliest = Now.AddHours(24);
                var at = proposed.UtcDateTime < earliest ? earliest : proposed.UtcDateTime > latest ? latest : proposed.UtcDateTime;
                record = await Handover(new HandoverInput { Op = HandoverOp.Reschedule, Context = c, Now = NowOffset, MeetingAt = new DateTimeOffset(at, TimeSpan.Zero) });
                meeting = record.MeetingAt.UtcDateTime;
                outgoingOk = incomingOk = reminded = escalated = false;
                invited = Now;
            }
        }

        SetStatus("handover:meeting", meeting);
        await UntilAsync(_ => false, meeting);
    }

    private async Task<AssignmentOutcome> MonthAsync()
    {
        var c = Context;
        _stage = AssignmentStage.Term;
        var served = c.TermStart!.Value.AddMonths(_state.Month - 1);
        var period = LifecycleClock.Period(served);
        var nextMonth = new DateOnly(served.Year, served.Month, 1).AddMonths(1);
        var requestAt = LifecycleClock.MorningOf(nextMonth.AddDays(Settings.CheckInDayOfMonth - 1));
        var closesAt = LifecycleClock.StartOf(nextMonth.AddMonths(1));
        if (requestAt > Now)
        {
            SetStatus("checkin:" + period, requestAt);
            await UntilAsync(_ => false, requestAt);
        }

        var started = await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.Start, Context = c, Period = period, Now = NowOffset, ClosesAt = new DateTimeOffset(closesAt, TimeSpan.Zero) });
        _state = _state with { Settings = started.Settings is { } fresh ? fresh with { TermMonths = Settings.TermMonths } : Settings };
        var id = started.CheckInId;
        var sent = Now;
        bool Wanted(LifecycleSignal s) => s.Kind == SignalKind.CheckInAnswered && string.Equals(s.CheckInId, id, StringComparison.Ordinal);
        var action = "checkin:" + period + ":answer";
        var remindAt = Min(sent.AddDays(Settings.CheckInReminderDays), closesAt);
        var escalateAt = Min(sent.AddDays(Settings.CheckInEscalationDays), closesAt);
        SetStatus(action, remindAt);
        var answer = await UntilAsync(Wanted, remindAt);
        if (answer is null && remindAt < closesAt)
        {
            await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.Remind, Context = c, Period = period, Now = NowOffset });
            SetStatus(action, escalateAt);
            answer = await UntilAsync(Wanted, escalateAt);
        }

        if (answer is null && escalateAt < closesAt)
        {
            await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.Escalate, Context = c, Period = period, Now = NowOffset });
            SetStatus(action, closesAt);
            answer = await UntilAsync(Wanted, closesAt);
        }

        var low = answer?.LowAttendance ?? false;
        if (answer?.Answer is { } carried)
        {
            // The answer travels in the signal, so a post is a single write; it is stored here. One that could
            // not be stored (an event raised by hand) leaves the check-in open, so the month closes as missed.
            var recorded = await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.Record, Context = c, Period = period, CheckInId = id, Now = NowOffset, Answer = carried, Source = answer.Source, AnsweredAt = answer.At });
            low = recorded is { Status: CheckInStatus.Answered, LowAttendance: true };
            answer = recorded.Status is CheckInStatus.Answered or CheckInStatus.AnsweredLate ? answer : null;
        }
        else if (answer is not null && low)
        {
            // A signal without its answer (sent before answers travelled in signals): the service stored it.
            await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.FlagLow, Context = c, Period = period, Now = NowOffset });
        }

        if (answer is null)
        {
            var missed = await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput { Op = CheckInOp.Miss, Context = c, Period = period, Now = NowOffset });
            if (missed.Status == CheckInStatus.Missed)
            {
                _state = _state with { MissedCheckIns = _state.MissedCheckIns + 1, AbsencesSinceReview = _state.AbsencesSinceReview + 1 };
            }

            // Answered in the instant the month closed: the answer stands (the activity told the township if low).
            low = missed is { Status: CheckInStatus.Answered, LowAttendance: true };
        }

        if (low)
        {
            _state = _state with { LowAttendanceMonths = _state.LowAttendanceMonths + 1, AbsencesSinceReview = _state.AbsencesSinceReview + 1 };
        }

        var last = _state.Month >= _state.MonthsInTerm;
        if (last || _state.Month % Math.Max(1, Settings.ReviewIntervalMonths) == 0)
        {
            await ReviewAsync(last ? ReviewKind.TermEnd : ReviewKind.Annual);
        }

        if (last)
        {
            return await DecisionAsync();
        }

        _state = _state with { Month = _state.Month + 1 };
        ctx.ContinueAsNew(_state);
        return AssignmentOutcome.None;
    }

    private async Task ReviewAsync(ReviewKind kind)
    {
        var c = Context;
        var sequence = _state.Reviews + 1;
        var due = Now.AddDays(Settings.ReviewDeadlineDays);
        var remindAt = Now.AddDays(Settings.ReviewReminderDays);
        _stage = AssignmentStage.Review;
        await Stage(AssignmentStage.Review, "review:" + sequence.ToString(CultureInfo.InvariantCulture), due);
        var input = new ReviewInput
        {
            Op = ReviewOp.Open,
            Context = c,
            Sequence = sequence,
            Kind = kind,
            Now = NowOffset,
            DueAt = new DateTimeOffset(due, TimeSpan.Zero),
            AttendanceFailures = _state.AbsencesSinceReview,
            Villagers = Settings.VillagersScore,
        };
        var opened = await Call<ReviewResult>(ReviewActivity.Name, input);
        var missing = opened.Missing.ToHashSet();
        var reminded = false;
        while (missing.Count > 0 && Now < due)
        {
            var until = !reminded && remindAt < due ? remindAt : due;
            var signal = await UntilAsync(s => s.Kind == SignalKind.ReviewFormSubmitted && s.ReviewSequence == sequence, until);
            if (signal is null)
            {
                if (!reminded && Now >= remindAt)
                {
                    reminded = true;
                    await Call<ReviewResult>(ReviewActivity.Name, input with { Op = ReviewOp.Remind, Now = NowOffset });
                }

                continue;
            }

            missing.Remove(signal.Scorer);
        }

        var closed = await Call<ReviewResult>(ReviewActivity.Name, input with { Op = ReviewOp.Close, Now = NowOffset });
        _state = _state with { Reviews = sequence, LastGrade = closed.Grade ?? _state.LastGrade, AbsencesSinceReview = 0 };
        _stage = AssignmentStage.Term;
        await Stage(AssignmentStage.Term, null, null);
    }

    private async Task<AssignmentOutcome> DecisionAsync()
    {
        var c = Context;
        _stage = AssignmentStage.Decision;
        var asked = Now;
        await Stage(AssignmentStage.Decision, "decision", asked.AddDays(Settings.DecisionReminderDays));
        var values = new NoticeModel()
            .Code(NoticeModelKeys.Grade, ReviewActivity.GradeCode(_state.LastGrade ?? Grade.Competent))
            .Build();
        await Notify(NoticeKind.TermDecisionRequest, "decision", values);
        var decision = await AwaitWithFollowUpsAsync(
            s => s.Kind == SignalKind.TermDecided,
            "decision",
            asked,
            Settings.DecisionReminderDays,
            Settings.DecisionEscalationDays,
            () => Notify(NoticeKind.TermDecisionRequest, "decision/r", values),
            () => Notify(NoticeKind.TermDecisionRequest, "decision/e", values));
        await Stage(AssignmentStage.Decision, null, null, decisionNote: decision.Note);
        var generation = _state.Start.Generation + 1;
        switch (decision.Decision)
        {
            case TermDecision.Extend:
            {
                var next = await Call<string>(FollowUpActivity.Name, new FollowUpInput(c, FollowUpKind.Extension, generation, c.TermEnd, null));
                await Finish(AssignmentOutcome.Extended, release: false, next, decision.Note);
                return AssignmentOutcome.Extended;
            }

            case TermDecision.Rotate:
            {
                var next = await Call<string>(FollowUpActivity.Name, new FollowUpInput(c, FollowUpKind.Successor, generation, c.TermEnd, null));
                await Notify(NoticeKind.Rotation, "rotation", new NoticeModel().Text(NoticeModelKeys.SuccessorName, "待选派").Build());
                _state = _state with { Phase = LifecyclePhase.HandingOver, SuccessorAssignmentId = next };
                _stage = AssignmentStage.HandingOver;
                await Stage(AssignmentStage.HandingOver, "handover:successor", null);
                ctx.ContinueAsNew(_state);
                return AssignmentOutcome.None;
            }

            default:
                await Finish(AssignmentOutcome.Ended, release: true, null, decision.Note);
                return AssignmentOutcome.Ended;
        }
    }

    private async Task<AssignmentOutcome> HandingOverAsync()
    {
        _stage = AssignmentStage.HandingOver;
        SetStatus("handover:successor", null);
        if (!_state.SuccessorHandoverDone)
        {
            await UntilAsync(s => s.Kind == SignalKind.SuccessorHandoverCompleted, DateTime.MaxValue);
        }

        await Finish(AssignmentOutcome.Rotated, release: true, _state.SuccessorAssignmentId, null);
        return AssignmentOutcome.Rotated;
    }

    private async Task<AssignmentOutcome> RecallAsync(LifecycleSignal signal)
    {
        var c = Context;
        var next = await Call<string>(FollowUpActivity.Name, new FollowUpInput(c, FollowUpKind.Replacement, _state.Start.Generation + 1, null, c.TermEnd));
        var values = new NoticeModel()
            .Text(NoticeModelKeys.Reason, string.IsNullOrWhiteSpace(signal.Reason) ? "—" : signal.Reason)
            .Date(NoticeModelKeys.EffectiveDate, Today)
            .Text(NoticeModelKeys.SuccessorName, "待选派")
            .Build();
        await Notify(NoticeKind.Recall, "recall", values);
        await Finish(AssignmentOutcome.Recalled, release: true, next, signal.Reason);
        return AssignmentOutcome.Recalled;
    }

    // Waits for a wanted signal with a reminder and an escalation; after escalation it waits without a
    // timer, the next due action staying at the (past) escalation time so managers see it as overdue.
    private async Task<LifecycleSignal> AwaitWithFollowUpsAsync(Func<LifecycleSignal, bool> wanted, string action, DateTime since, int remindDays, int escalateDays, Func<Task> remind, Func<Task> escalate)
    {
        var remindAt = since.AddDays(remindDays);
        var escalateAt = since.AddDays(escalateDays);
        SetStatus(action, remindAt);
        var signal = await UntilAsync(wanted, remindAt);
        if (signal is not null)
        {
            return signal;
        }

        await remind();
        SetStatus(action, escalateAt);
        signal = await UntilAsync(wanted, escalateAt);
        if (signal is not null)
        {
            return signal;
        }

        await escalate();
        SetStatus(action + ":escalated", escalateAt);
        return (await UntilAsync(wanted, DateTime.MaxValue))!;
    }

    // Returns the first wanted signal before `until`, or null at `until`; handles every other signal
    // on the way (a recall unwinds, a late check-in answer is recorded).
    private async Task<LifecycleSignal?> UntilAsync(Func<LifecycleSignal, bool> wanted, DateTime until)
    {
        while (true)
        {
            LifecycleSignal? signal;
            if (until == DateTime.MaxValue)
            {
                signal = await ctx.WaitForExternalEvent<LifecycleSignal>(LifecycleSignal.EventName);
            }
            else
            {
                var wait = until - Now;
                if (wait <= TimeSpan.Zero)
                {
                    return null;
                }

                // The same wait-or-timer pair as WaitForExternalEvent(name, timeout) (so histories replay
                // either way), without the cancellation exception it throws on every timeout: most months
                // end a wait by its timer, and two throws per wait were a measurable share of a term.
                using var timerCancellation = new CancellationTokenSource();
                using var waitCancellation = new CancellationTokenSource();
                var waiting = ctx.WaitForExternalEvent<LifecycleSignal>(LifecycleSignal.EventName, waitCancellation.Token);
                var timer = ctx.CreateTimer(wait, timerCancellation.Token);
                if (await Task.WhenAny(waiting, timer) == waiting)
                {
                    timerCancellation.Cancel();
                }
                else
                {
                    waitCancellation.Cancel();
                    if (!waiting.IsCompletedSuccessfully)
                    {
                        return null;
                    }
                }

                signal = await waiting;
            }

            if (signal is null)
            {
                continue;
            }

            if (wanted(signal))
            {
                return signal;
            }

            await HandleOtherAsync(signal);
        }
    }

    private async Task HandleOtherAsync(LifecycleSignal signal)
    {
        switch (signal.Kind)
        {
            case SignalKind.Recall when _state.Context?.CadreId is not null && _state.Phase != LifecyclePhase.HandingOver:
                throw new RecallRequestedException(signal);
            case SignalKind.SuccessorHandoverCompleted:
                _state = _state with { SuccessorHandoverDone = true };
                break;
            case SignalKind.CheckInAnswered when signal.Answer is not null && signal.CheckInId is { } id
                && id.StartsWith(ctx.InstanceId + "|", StringComparison.Ordinal) && _state.Context?.CadreId is not null:
                // An answer to an earlier month, sent while it was open: stored now (late when the month
                // closed as missed meanwhile), never lost.
                await Call<CheckInResult>(CheckInActivity.Name, new CheckInInput
                {
                    Op = CheckInOp.Record,
                    Context = Context,
                    Period = id[(ctx.InstanceId.Length + 1)..],
                    CheckInId = id,
                    Now = NowOffset,
                    Answer = signal.Answer,
                    Source = signal.Source,
                    AnsweredAt = signal.At,
                });
                break;
        }
    }

    private Task<T> Call<T>(string name, object input) => ctx.CallActivityAsync<T>(name, input, Retry);

    private Task<HandoverRecord> Handover(HandoverInput input) => Call<HandoverRecord>(HandoverActivity.Name, input);

    private Task Notify(NoticeKind kind, string period, IReadOnlyDictionary<string, string> values) =>
        Call<int>(NotifyActivity.Name, new NotifyInput(new NoticeRequest { Kind = kind, Context = Context, Period = period, Values = values, LinkExpiresAt = NowOffset.AddDays(120) }));

    private Task Finish(AssignmentOutcome outcome, bool release, string? followedBy, string? reason)
    {
        _stage = AssignmentStage.Completed;
        SetStatus(null, null);
        return Call<bool>(FinishActivity.Name, new FinishInput(Context, outcome, release, followedBy, reason, NowOffset));
    }

    private Task Stage(AssignmentStage stage, string? action, DateTime? due, string? proposedCadreId = null, string? decisionNote = null)
    {
        _stage = stage;
        SetStatus(action, due);
        return Call<bool>(StageActivity.Name, new StageInput(Context, stage, action, due is null ? null : new DateTimeOffset(due.Value, TimeSpan.Zero), NowOffset, decisionNote, proposedCadreId));
    }

    private void SetStatus(string? action, DateTime? due)
    {
        var c = _state.Context;
        var dueAt = due is null ? (DateTimeOffset?)null : new DateTimeOffset(due.Value, TimeSpan.Zero);
        ctx.SetCustomStatus(new AssignmentStatus
        {
            Stage = _stage,
            NextAction = action,
            NextDueAt = dueAt,
            Month = _state.Phase == LifecyclePhase.Term ? _state.Month : 0,
            MonthsInTerm = _state.MonthsInTerm,
            MissedCheckIns = _state.MissedCheckIns,
            LowAttendanceMonths = _state.LowAttendanceMonths,
            CadreId = c?.CadreId,
        });
        ctx.SetBusinessKey(BusinessKeys.Round, _state.Start.RoundId);
        ctx.SetBusinessKey(BusinessKeys.Village, _state.Start.VillageId);
        ctx.SetBusinessKey(BusinessKeys.Township, c?.Township);
        ctx.SetBusinessKey(BusinessKeys.Stage, BusinessKeys.StageCode(_stage));
        ctx.SetBusinessKey(BusinessKeys.NextAction, action);
        ctx.SetBusinessKey(BusinessKeys.NextDue, dueAt?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        ctx.SetBusinessKey(BusinessKeys.Cadre, c?.CadreId);
    }

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    private static IReadOnlyDictionary<string, string> Days(int days) => new NoticeModel().Integer(NoticeModelKeys.DaysWaiting, days).Build();

    private static int MonthsBetween(DateOnly start, DateOnly end) => Math.Max(1, ((end.Year - start.Year) * 12) + end.Month - start.Month);
}
