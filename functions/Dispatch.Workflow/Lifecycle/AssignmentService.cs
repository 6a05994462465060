using Dispatch.Durable.Client;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Import;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Selection;
using Dispatch.Workflow.Storage;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// What the host calls: master data (rounds, villages, cadres, units, CSV imports), starting assignments
/// and rounds, every human input (selection, check-in, handover, review, decision, recall) and the read
/// side (details, lists, round summary). Inputs are validated here, so the host only maps HTTP; the
/// orchestration internals (event names, state) stay inside this project.
/// </summary>
public sealed class AssignmentService
{
    private static readonly OrchestrationRuntimeStatus[] AllStatuses = Enum.GetValues<OrchestrationRuntimeStatus>();
    private readonly WorkflowRepository _repository;
    private readonly SelectionService _selection;
    private readonly DurableTaskClient _client;
    private readonly IOptionsMonitor<WorkflowPolicy> _policy;
    private readonly TimeProvider _time;
    private readonly PendingAnswers _pending;

    internal AssignmentService(WorkflowRepository repository, SelectionService selection, DurableTaskClient client, IOptionsMonitor<WorkflowPolicy> policy, TimeProvider time)
    {
        _repository = repository;
        _selection = selection;
        _client = client;
        _policy = policy;
        _time = time;
        _pending = new PendingAnswers(time);
    }

    /// <summary>Gets the number of workflow storage requests so far (benches print it per assignment).</summary>
    public long StorageRequests => _repository.Store.RequestCount;

    /// <summary>Creates or replaces a round; returns the field errors, nothing written when any.</summary>
    public async Task<ValidationErrors> UpsertRoundAsync(Round round, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(round);
        var errors = round.Validate();
        if (errors.IsValid)
        {
            await _repository.UpsertRoundAsync(round, cancellationToken);
        }

        return errors;
    }

    /// <summary>Creates or replaces villages (upsert by id); all or nothing: errors are keyed <c>[index].field</c>.</summary>
    public Task<ValidationErrors> UpsertVillagesAsync(IReadOnlyList<Village> villages, CancellationToken cancellationToken = default) =>
        UpsertAllAsync(villages, v => v.Validate(), v => v.Id, _repository.UpsertVillageAsync, cancellationToken);

    /// <summary>Creates or replaces cadres (upsert by id); all or nothing.</summary>
    public Task<ValidationErrors> UpsertCadresAsync(IReadOnlyList<Cadre> cadres, CancellationToken cancellationToken = default) =>
        UpsertAllAsync(cadres, c => c.Validate(), c => c.Id, _repository.UpsertCadreAsync, cancellationToken);

    /// <summary>Creates or replaces dispatching units (upsert by id); all or nothing.</summary>
    public Task<ValidationErrors> UpsertUnitsAsync(IReadOnlyList<DispatchingUnit> units, CancellationToken cancellationToken = default) =>
        UpsertAllAsync(units, u => u.Validate(), u => u.Id, _repository.UpsertUnitAsync, cancellationToken);

    /// <summary>Imports villages from CSV; nothing is written unless every row is valid.</summary>
    public async Task<CsvImportResult<Village>> ImportVillagesCsvAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        var result = CsvImporter.ReadVillages(csv);
        if (result.Succeeded)
        {
            await UpsertVillagesAsync(result.Items, cancellationToken);
        }

        return result;
    }

    /// <summary>Imports cadres from CSV; nothing is written unless every row is valid.</summary>
    public async Task<CsvImportResult<Cadre>> ImportCadresCsvAsync(TextReader csv, CancellationToken cancellationToken = default)
    {
        var result = CsvImporter.ReadCadres(csv);
        if (result.Succeeded)
        {
            await UpsertCadresAsync(result.Items, cancellationToken);
        }

        return result;
    }

    /// <summary>Returns a round, or null.</summary>
    public Task<Round?> GetRoundAsync(string id, CancellationToken cancellationToken = default) => _repository.GetRoundAsync(id, cancellationToken);

    /// <summary>Returns a village, or null.</summary>
    public Task<Village?> GetVillageAsync(string id, CancellationToken cancellationToken = default) => _repository.GetVillageAsync(id, cancellationToken);

    /// <summary>Returns a cadre, or null.</summary>
    public Task<Cadre?> GetCadreAsync(string id, CancellationToken cancellationToken = default) => _repository.GetCadreAsync(id, cancellationToken);

    /// <summary>Returns every village.</summary>
    public Task<IReadOnlyList<Village>> ListVillagesAsync(CancellationToken cancellationToken = default) => _repository.ListVillagesAsync(cancellationToken);

    /// <summary>Returns every cadre.</summary>
    public Task<IReadOnlyList<Cadre>> ListCadresAsync(CancellationToken cancellationToken = default) => _repository.ListCadresAsync(cancellationToken);

    /// <summary>
    /// Starts the assignment of <paramref name="villageId"/> in <paramref name="roundId"/> (instance id
    /// <c>{round}.{village}</c>). Repeating the call never creates a second instance.
    /// </summary>
    /// <exception cref="ValidationFailedException">The round or village does not exist or an id is malformed.</exception>
    public async Task<StartResult> StartAssignmentAsync(string roundId, string villageId, CancellationToken cancellationToken = default)
    {
        await CheckStartAsync(roundId, villageId, cancellationToken);
        return await StartAsync(new AssignmentStart { RoundId = roundId, VillageId = villageId }, cancellationToken);
    }

    /// <summary>
    /// Starts every village's assignment in a round that has none yet, with proposals from one optimal
    /// matching over the whole round (maximum total score, one cadre per village).
    /// </summary>
    /// <param name="roundId">The round.</param>
    /// <param name="villageIds">The villages of the round; every village when null.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<IReadOnlyList<StartResult>> StartRoundAsync(string roundId, IReadOnlyCollection<string>? villageIds = null, CancellationToken cancellationToken = default)
    {
        var round = await _repository.GetRoundAsync(roundId, cancellationToken) ?? throw new ValidationFailedException("roundId", $"round '{roundId}' does not exist");
        var villages = (await _repository.ListVillagesAsync(cancellationToken))
            .Where(v => villageIds is null || villageIds.Contains(v.Id))
            .ToList();
        if (villageIds is not null && villageIds.FirstOrDefault(id => villages.All(v => v.Id != id)) is { } unknown)
        {
            throw new ValidationFailedException("villageIds", $"village '{unknown}' does not exist");
        }

        var existing = (await _repository.ListAssignmentsAsync(roundId, cancellationToken)).Select(a => a.VillageId).ToHashSet(StringComparer.Ordinal);
        var open = villages.Where(v => !existing.Contains(v.Id)).ToList();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var facts = await _selection.FactsAsync(round.StartsOn > today ? round.StartsOn : today, cancellationToken);
        var proposals = new RoundMatcher(_policy.CurrentValue, facts).ProposeRound(open, await _repository.ListCadresAsync(cancellationToken));
        var results = new List<StartResult>();
        foreach (var proposal in proposals)
        {
            results.Add(await StartAsync(new AssignmentStart { RoundId = roundId, VillageId = proposal.VillageId, ProposedCadreId = proposal.CadreId }, cancellationToken));
        }

        foreach (var village in villages.Where(v => existing.Contains(v.Id)))
        {
            results.Add(new StartResult(DomainIds.AssignmentId(roundId, village.Id), false));
        }

        return results;
    }

    /// <summary>
    /// HR's selection. The cadre must pass every hard rule; warnings need an override reason. The cadre is
    /// reserved at once (ETag-guarded): when another village holds them the result is a conflict with a
    /// fresh proposal.
    /// </summary>
    public async Task<CommandResult> SubmitSelectionAsync(string assignmentId, SelectionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = await RecordAsync(assignmentId, cancellationToken);
        if (record is null)
        {
            return CommandResult.NotFound($"assignment '{assignmentId}' does not exist");
        }

        if (record.Stage != AssignmentStage.Selection || record.CadreId is not null)
        {
            return CommandResult.Conflict($"assignment '{assignmentId}' is past selection (stage {BusinessKeys.StageCode(record.Stage)})");
        }

        if (DomainIds.Problem(request.CadreId) is { } idProblem)
        {
            return CommandResult.Invalid("cadreId", idProblem);
        }

        if (request.Note is { Length: > 2000 } || request.OverrideReason is { Length: > 2000 })
        {
            return CommandResult.Invalid(request.Note is { Length: > 2000 } ? "note" : "overrideReason", "must be at most 2,000 characters");
        }

        var village = await _repository.GetVillageAsync(record.VillageId, cancellationToken);
        var round = await _repository.GetRoundAsync(record.RoundId, cancellationToken);
        if (village is null || round is null)
        {
            return CommandResult.NotFound($"the village or round of '{assignmentId}' no longer exists");
        }

        var policy = _policy.CurrentValue;
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var asOf = round.StartsOn > today ? round.StartsOn : today;
        var evaluation = await _selection.EvaluateAsync(policy, village, request.CadreId, asOf, assignmentId, cancellationToken);
        if (evaluation is null)
        {
            return CommandResult.Invalid("cadreId", $"cadre '{request.CadreId}' does not exist");
        }

        var errors = new ValidationErrors();
        foreach (var failure in evaluation.Failures.Where(f => f.Code != "already_taken"))
        {
            errors.Add("cadreId", failure.Message);
        }

        if (evaluation.Warnings.Count > 0 && string.IsNullOrWhiteSpace(request.OverrideReason))
        {
            errors.Add("overrideReason", "required to override: " + string.Join("; ", evaluation.Warnings.Select(w => w.Message)));
        }

        if (!errors.IsValid)
        {
            return CommandResult.Invalid(errors);
        }

        var reservation = await _repository.TryReserveAsync(request.CadreId, assignmentId, _time.GetUtcNow(), cancellationToken);
        if (!reservation.Succeeded)
        {
            var fresh = await _selection.ProposeAsync(policy, village, asOf, assignmentId, [request.CadreId], cancellationToken);
            return CommandResult.Conflict($"cadre '{request.CadreId}' is already reserved by assignment '{reservation.HeldBy}'; a fresh proposal is attached") with
            {
                FreshProposal = View(fresh),
            };
        }

        await RaiseAsync(assignmentId, new LifecycleSignal
        {
            Kind = SignalKind.SelectionDecided,
            CadreId = request.CadreId,
            Note = request.Note,
            OverrideReason = evaluation.Warnings.Count > 0 ? request.OverrideReason : null,
            OverriddenWarnings = evaluation.Warnings.Select(w => w.Code).ToList(),
        }, cancellationToken);
        return CommandResult.Ok("selection recorded; appointment notices follow");
    }

    /// <summary>
    /// Records a monthly check-in answer. While the check-in is open and the assignment runs, the answer
    /// travels in the orchestration's signal and the orchestration stores it; a check-in already closed as
    /// missed, or one whose assignment no longer runs, is stored here directly (late once missed), so an
    /// answer is never lost.
    /// </summary>
    public async Task<CommandResult> SubmitCheckInAsync(string checkInId, CheckInAnswer answer, string source = "form", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var problems = answer.Validate();
        if (problems.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var (field, message) in problems)
            {
                errors.Add(field, message);
            }

            return CommandResult.Invalid(errors);
        }

        var (assignmentId, period) = SplitLast(checkInId);
        if (assignmentId is null || !DomainIds.TryParseAssignmentId(assignmentId, out var roundId, out _, out _))
        {
            return CommandResult.NotFound($"check-in '{checkInId}' does not exist");
        }

        var stored = await _repository.GetCheckInAsync(roundId, checkInId, cancellationToken);
        if (stored is null)
        {
            return CommandResult.NotFound($"check-in '{checkInId}' does not exist");
        }

        if (stored.Value.Status is CheckInStatus.Answered or CheckInStatus.AnsweredLate)
        {
            return CommandResult.Conflict($"the check-in for {period} was already answered");
        }

        var minimum = _policy.CurrentValue.MinDaysInVillage;
        var now = _time.GetUtcNow();

        // One write, the event, so a post is answered quickly; the orchestration stores the answer when it
        // takes the signal. The first answer stands: a second one in that window is refused here, or, sent
        // through another instance of the app, changes nothing.
        if (stored.Value.IsOpen && await _client.GetInstanceAsync(assignmentId, false, cancellationToken) is { IsCompleted: false })
        {
            if (!_pending.TryMark(checkInId))
            {
                return CommandResult.Conflict($"the check-in for {period} was already answered");
            }

            try
            {
                await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.CheckInAnswered, CheckInId = checkInId, Answer = answer, LowAttendance = answer.DaysInVillage < minimum, Source = source, At = now }, cancellationToken);
            }
            catch
            {
                _pending.Unmark(checkInId);
                throw;
            }

            return CommandResult.Ok("recorded");
        }

        var written = false;
        var record = await _repository.UpdateCheckInAsync(
            roundId,
            checkInId,
            r =>
            {
                written = false;
                if (r.Status is CheckInStatus.Answered or CheckInStatus.AnsweredLate)
                {
                    return null;
                }

                written = true;
                return r.WithAnswer(answer, now, source, minimum);
            },
            cancellationToken);
        if (!written || record is null)
        {
            return CommandResult.Conflict($"the check-in for {period} was already answered");
        }

        return record.Status == CheckInStatus.AnsweredLate ? CommandResult.Ok("recorded as late") with { Late = true } : CommandResult.Ok("recorded");
    }

    /// <summary>
    /// Whether this process sent an answer for the check-in that may not be stored yet (the orchestration
    /// stores it when it takes the signal): the form then shows the link as used.
    /// </summary>
    public bool IsCheckInAnswerPending(string checkInId) => _pending.IsMarked(checkInId);

    /// <summary>Returns a check-in for its form (pre-filled with the stored answer when there is one), or null.</summary>
    public async Task<CheckInRecord?> GetCheckInAsync(string checkInId, CancellationToken cancellationToken = default)
    {
        var (assignmentId, _) = SplitLast(checkInId);
        return assignmentId is not null && DomainIds.TryParseAssignmentId(assignmentId, out var roundId, out _, out _)
            ? (await _repository.GetCheckInAsync(roundId, checkInId, cancellationToken))?.Value
            : null;
    }

    /// <summary>Returns the handover behind a handover link subject (<c>{assignmentId}|outgoing|incoming|township</c>), or null.</summary>
    public async Task<HandoverRecord?> GetHandoverAsync(string subject, CancellationToken cancellationToken = default)
    {
        var (assignmentId, party) = SplitLast(subject);
        return assignmentId is null || party is not ("outgoing" or "incoming" or "township")
            ? null
            : await _repository.GetHandoverAsync(assignmentId, cancellationToken);
    }

    /// <summary>A secretary confirms the handover meeting, or asks for another time (<paramref name="proposedAt"/>).</summary>
    public async Task<CommandResult> RespondToMeetingAsync(string subject, bool accept, DateTimeOffset? proposedAt, CancellationToken cancellationToken = default)
    {
        var (assignmentId, party) = SplitLast(subject);
        var handover = await GetHandoverAsync(subject, cancellationToken);
        if (handover is null || assignmentId is null)
        {
            return CommandResult.NotFound("this handover does not exist");
        }

        if (handover.CompletedAt is not null || handover.List is not null)
        {
            return CommandResult.Gone("the meeting has already taken place");
        }

        // After the meeting time the orchestration no longer listens for answers about it.
        if (handover.MeetingAt <= _time.GetUtcNow())
        {
            return CommandResult.Gone("the meeting time has passed");
        }

        if (!accept && proposedAt is null)
        {
            return CommandResult.Invalid("proposedAt", "name the time that suits you");
        }

        if (!accept && proposedAt <= _time.GetUtcNow())
        {
            return CommandResult.Invalid("proposedAt", "must be in the future");
        }

        if (party == "township")
        {
            return CommandResult.Ok("noted");
        }

        await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.HandoverResponse, Outgoing = party == "outgoing", Accepted = accept, ProposedAt = proposedAt }, cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>The outgoing secretary submits the handover list (交接清单).</summary>
    public async Task<CommandResult> SubmitHandoverListAsync(string subject, HandoverList list, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(list);
        var (assignmentId, party) = SplitLast(subject);
        var handover = await GetHandoverAsync(subject, cancellationToken);
        if (handover is null || assignmentId is null || handover.IsOrientation)
        {
            return CommandResult.NotFound("this handover does not exist");
        }

        if (party != "outgoing")
        {
            return CommandResult.Conflict("only the outgoing secretary submits the handover list");
        }

        if (handover.CompletedAt is not null)
        {
            return CommandResult.Gone("the handover is already complete");
        }

        // The list is asked for after the meeting; one sent earlier would reach an orchestration not yet waiting for it.
        if (handover.ListRequestedAt is null)
        {
            return CommandResult.Conflict("the handover list is asked for after the handover meeting");
        }

        if (handover.List is not null)
        {
            return CommandResult.Conflict("the list was already submitted and awaits the incoming secretary");
        }

        var errors = list.Validate();
        if (!errors.IsValid)
        {
            return CommandResult.Invalid(errors);
        }

        await _repository.UpdateHandoverAsync(assignmentId, () => handover, h => h with { List = list, ListSubmittedAt = _time.GetUtcNow() }, cancellationToken);
        await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.HandoverListSubmitted }, cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>The incoming secretary accepts the handover list or names what is missing.</summary>
    public async Task<CommandResult> ReviewHandoverListAsync(string subject, bool accepted, string? missing, CancellationToken cancellationToken = default)
    {
        var (assignmentId, party) = SplitLast(subject);
        var handover = await GetHandoverAsync(subject, cancellationToken);
        if (handover is null || assignmentId is null || handover.IsOrientation)
        {
            return CommandResult.NotFound("this handover does not exist");
        }

        if (party != "incoming")
        {
            return CommandResult.Conflict("only the incoming secretary accepts the handover list");
        }

        if (handover.CompletedAt is not null)
        {
            return CommandResult.Gone("the handover is already complete");
        }

        if (handover.List is null)
        {
            return CommandResult.Conflict("the outgoing secretary has not submitted the list yet");
        }

        if (!accepted && string.IsNullOrWhiteSpace(missing))
        {
            return CommandResult.Invalid("missing", "name what is missing from the list");
        }

        if (missing is { Length: > 4000 })
        {
            return CommandResult.Invalid("missing", "must be at most 4,000 characters");
        }

        await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.HandoverListReviewed, Accepted = accepted, Missing = accepted ? null : missing }, cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>Returns the review and participant behind a review link subject, or null.</summary>
    public async Task<(ReviewRecord Review, ReviewScorer Participant)?> GetReviewTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var (reviewId, participant) = SplitLast(taskId);
        var (assignmentId, sequenceText) = SplitLast(reviewId ?? string.Empty);
        if (assignmentId is null || participant is null || !Enum.TryParse<ReviewScorer>(participant, out var scorer)
            || sequenceText is null || !sequenceText.StartsWith("review-", StringComparison.Ordinal)
            || !int.TryParse(sequenceText.AsSpan(7), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence))
        {
            return null;
        }

        var review = (await _repository.GetReviewAsync(assignmentId, sequence, cancellationToken))?.Value;
        return review is null || !review.Participants.Contains(scorer) ? null : (review, scorer);
    }

    /// <summary>Records one review form (self-report or score).</summary>
    public async Task<CommandResult> SubmitReviewFormAsync(string taskId, ReviewForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var task = await GetReviewTaskAsync(taskId, cancellationToken);
        if (task is null)
        {
            return CommandResult.NotFound("this review form does not exist");
        }

        var (review, scorer) = task.Value;
        if (review.ClosedAt is not null)
        {
            return CommandResult.Gone("the review has closed");
        }

        if (review.Forms.ContainsKey(scorer))
        {
            return CommandResult.Conflict("this form was already submitted");
        }

        var errors = form.Validate(scorer);
        if (!errors.IsValid)
        {
            return CommandResult.Invalid(errors);
        }

        var stamped = form with { SubmittedAt = _time.GetUtcNow() };
        await _repository.UpdateReviewAsync(
            review.AssignmentId,
            review.Sequence,
            () => review,
            r => r.ClosedAt is null && !r.Forms.ContainsKey(scorer) ? r with { Forms = new Dictionary<ReviewScorer, ReviewForm>(r.Forms) { [scorer] = stamped } } : r,
            cancellationToken);
        await RaiseAsync(review.AssignmentId, new LifecycleSignal { Kind = SignalKind.ReviewFormSubmitted, ReviewSequence = review.Sequence, Scorer = scorer }, cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>HR recalls the secretary (召回) with a reason; a replacement assignment starts for the village.</summary>
    public async Task<CommandResult> RecallAsync(string assignmentId, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return CommandResult.Invalid("reason", "a reason of 1–2,000 characters is required");
        }

        var record = await RecordAsync(assignmentId, cancellationToken);
        if (record is null)
        {
            return CommandResult.NotFound($"assignment '{assignmentId}' does not exist");
        }

        if (record.CadreId is null || record.Stage is AssignmentStage.Completed or AssignmentStage.HandingOver)
        {
            return CommandResult.Conflict(record.CadreId is null
                ? "no secretary has been appointed yet; decide the selection instead"
                : $"the assignment is {BusinessKeys.StageCode(record.Stage)}; nothing to recall");
        }

        await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.Recall, Reason = reason }, cancellationToken);
        return CommandResult.Ok("recall accepted; a replacement assignment starts");
    }

    /// <summary>HR's after-term decision: extend, rotate or end.</summary>
    public async Task<CommandResult> DecideAsync(string assignmentId, TermDecision decision, string? note, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(decision))
        {
            return CommandResult.Invalid("decision", "must be extend, rotate or end");
        }

        if (note is { Length: > 2000 })
        {
            return CommandResult.Invalid("note", "must be at most 2,000 characters");
        }

        var record = await RecordAsync(assignmentId, cancellationToken);
        if (record is null)
        {
            return CommandResult.NotFound($"assignment '{assignmentId}' does not exist");
        }

        if (record.Stage != AssignmentStage.Decision)
        {
            return CommandResult.Conflict($"the assignment is {BusinessKeys.StageCode(record.Stage)}, not waiting for the after-term decision");
        }

        await RaiseAsync(assignmentId, new LifecycleSignal { Kind = SignalKind.TermDecided, Decision = decision, Note = note }, cancellationToken);
        return CommandResult.Ok();
    }

    /// <summary>Returns the assignment's own record (village, township, secretary, stage), or null: one point read, for pages that need no more.</summary>
    public Task<AssignmentRecord?> GetAssignmentRecordAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        RecordAsync(assignmentId, cancellationToken);

    /// <summary>Returns everything about an assignment, or null when it does not exist.</summary>
    public async Task<AssignmentDetails?> GetAssignmentAsync(string assignmentId, CancellationToken cancellationToken = default)
    {
        var record = await RecordAsync(assignmentId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        // The independent reads go out together: each is one point or range read.
        var instanceTask = _client.GetInstanceAsync(assignmentId, true, cancellationToken);
        var checkInsTask = _repository.ListCheckInsAsync(record.RoundId, assignmentId, cancellationToken);
        var handoverTask = _repository.GetHandoverAsync(assignmentId, cancellationToken);
        var reviewsTask = _repository.ListReviewsAsync(assignmentId, cancellationToken);
        var instance = await instanceTask;
        var checkIns = (await checkInsTask)
            .Where(c => string.Equals(c.AssignmentId, assignmentId, StringComparison.Ordinal))
            .OrderBy(c => c.Period, StringComparer.Ordinal)
            .ToList();
        ProposalView? proposal = null;
        if (record.Stage == AssignmentStage.Selection && record.ProposedCadreId is { } proposed && await _repository.GetVillageAsync(record.VillageId, cancellationToken) is { } village)
        {
            var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
            proposal = View(await _selection.SummarizeAsync(await _selection.EvaluateAsync(_policy.CurrentValue, village, proposed, today, assignmentId, cancellationToken), cancellationToken));
        }

        return new AssignmentDetails
        {
            Assignment = record,
            Status = instance?.SerializedCustomStatus is null ? null : instance.ReadCustomStatusAs<AssignmentStatus>(),
            RuntimeStatus = instance?.RuntimeStatus,
            Proposal = proposal,
            Handover = await handoverTask,
            CheckIns = checkIns,
            Reviews = await reviewsTask,
        };
    }

    /// <summary>Lists assignments from the orchestrations' business keys (no history reads), page by page.</summary>
    public async Task<AssignmentPage> ListAssignmentsAsync(AssignmentFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(filter.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter.PageSize, 1000);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        if (filter.RoundId is not null)
        {
            keys[BusinessKeys.Round] = filter.RoundId;
        }

        if (filter.Township is not null)
        {
            keys[BusinessKeys.Township] = filter.Township;
        }

        if (filter.Stage is not null)
        {
            keys[BusinessKeys.Stage] = filter.Stage;
        }

        var page = await _client.QueryInstancesAsync(
            new OrchestrationQuery
            {
                Name = AssignmentOrchestrator.Name,
                BusinessKeys = keys.Count == 0 ? null : keys,
                PageSize = filter.PageSize,
                ContinuationToken = filter.ContinuationToken,
            },
            cancellationToken);
        var now = _time.GetUtcNow();
        var items = page.Instances.Select(i => Summary(i, now)).Where(s => filter.Overdue is null || s.Overdue == filter.Overdue).ToList();
        return new AssignmentPage(items, page.ContinuationToken);
    }

    /// <summary>Summarizes a round: assignments by stage and outcome, check-in answers per month, flags.</summary>
    public async Task<RoundSummary?> GetRoundSummaryAsync(string roundId, CancellationToken cancellationToken = default)
    {
        if (await _repository.GetRoundAsync(roundId, cancellationToken) is null)
        {
            return null;
        }

        var assignments = await _repository.ListAssignmentsAsync(roundId, cancellationToken);
        var checkIns = await _repository.ListCheckInsAsync(roundId, cancellationToken);
        var now = _time.GetUtcNow();
        return new RoundSummary
        {
            RoundId = roundId,
            ByStage = assignments.GroupBy(a => BusinessKeys.StageCode(a.Stage)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ByOutcome = assignments.Where(a => a.Stage == AssignmentStage.Completed).GroupBy(a => a.Outcome.ToString().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            CheckIns = checkIns.GroupBy(c => c.Period, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new MonthCheckIns(
                    g.Key,
                    g.Count(),
                    g.Count(c => c.Status == CheckInStatus.Answered),
                    g.Count(c => c.Status == CheckInStatus.AnsweredLate),
                    g.Count(c => c.Status == CheckInStatus.Missed),
                    g.Count(c => c.IsOpen)))
                .ToList(),
            LowAttendanceMonths = checkIns.Count(c => c.LowAttendance),
            MissedCheckIns = checkIns.Count(c => c.Status is CheckInStatus.Missed or CheckInStatus.AnsweredLate),
            Overdue = assignments.Count(a => a.Stage != AssignmentStage.Completed && a.NextDueAt < now),
        };
    }

    internal async Task<StartResult> StartAsync(AssignmentStart start, CancellationToken cancellationToken)
    {
        var id = DomainIds.AssignmentId(start.RoundId, start.VillageId, start.Generation);
        try
        {
            await _client.ScheduleNewOrchestrationInstanceAsync(
                AssignmentOrchestrator.Name,
                new LifecycleState { Start = start },
                new StartOrchestrationOptions(id) { DedupeStatuses = AllStatuses },
                cancellationToken);
            return new StartResult(id, true);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            return new StartResult(id, false);
        }
    }

    private static AssignmentSummary Summary(OrchestrationMetadata instance, DateTimeOffset now)
    {
        var keys = instance.BusinessKeys;
        DateTimeOffset? due = keys.TryGetValue(BusinessKeys.NextDue, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return new AssignmentSummary
        {
            AssignmentId = instance.InstanceId,
            RoundId = keys.GetValueOrDefault(BusinessKeys.Round),
            VillageId = keys.GetValueOrDefault(BusinessKeys.Village),
            Township = keys.GetValueOrDefault(BusinessKeys.Township),
            Stage = keys.GetValueOrDefault(BusinessKeys.Stage),
            NextAction = keys.GetValueOrDefault(BusinessKeys.NextAction),
            NextDueAt = due,
            Overdue = due < now && !instance.IsCompleted,
            CadreId = keys.GetValueOrDefault(BusinessKeys.Cadre),
            RuntimeStatus = instance.RuntimeStatus,
        };
    }

    private static ProposalView View(Activities.ProposalSummary summary) => new()
    {
        CadreId = summary.CadreId,
        CadreName = summary.CadreName,
        UnitName = summary.UnitName,
        Score = summary.Score,
        Reasons = summary.Reasons,
        Warnings = summary.Warnings,
    };

    private static (string? Head, string? Tail) SplitLast(string id)
    {
        var bar = id.LastIndexOf('|');
        return bar <= 0 || bar == id.Length - 1 ? (null, null) : (id[..bar], id[(bar + 1)..]);
    }

    private async Task CheckStartAsync(string roundId, string villageId, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        DomainRules.Id(errors, "roundId", roundId);
        DomainRules.Id(errors, "villageId", villageId);
        errors.ThrowIfInvalid();
        if (await _repository.GetRoundAsync(roundId, cancellationToken) is null)
        {
            errors.Add("roundId", $"round '{roundId}' does not exist");
        }

        if (await _repository.GetVillageAsync(villageId, cancellationToken) is null)
        {
            errors.Add("villageId", $"village '{villageId}' does not exist");
        }

        errors.ThrowIfInvalid();
    }

    private async Task<AssignmentRecord?> RecordAsync(string assignmentId, CancellationToken cancellationToken) =>
        DomainIds.TryParseAssignmentId(assignmentId, out var roundId, out _, out _)
            ? (await _repository.GetAssignmentAsync(roundId, assignmentId, cancellationToken))?.Value
            : null;

    private Task RaiseAsync(string assignmentId, LifecycleSignal signal, CancellationToken cancellationToken) =>
        _client.RaiseEventAsync(assignmentId, LifecycleSignal.EventName, signal, cancellationToken);

    private static async Task<ValidationErrors> UpsertAllAsync<T>(IReadOnlyList<T> items, Func<T, ValidationErrors> validate, Func<T, string> id, Func<T, CancellationToken, Task> upsert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new ValidationErrors();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                errors.Add($"[{i}]", "is null");
                continue;
            }

            errors.AddAll($"[{i}].", validate(items[i]));
            if (id(items[i]) is { } key && !seen.Add(key))
            {
                errors.Add($"[{i}].id", $"'{key}' appears twice");
            }
        }

        if (errors.IsValid)
        {
            foreach (var item in items)
            {
                await upsert(item, cancellationToken);
            }
        }

        return errors;
    }
}
