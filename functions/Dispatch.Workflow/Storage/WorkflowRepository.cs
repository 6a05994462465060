using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Storage;

/// <summary>
/// Villages, cadres, units, rounds, the assignment read model, check-ins, reviews, handovers, cadre
/// reservations and histories, over an <see cref="IDocumentStore"/>. Partitions follow the queries:
/// assignments and check-ins by round (round summaries read one partition), reviews by assignment.
/// </summary>
internal sealed class WorkflowRepository(IDocumentStore store)
{
    public const string Master = "wfmaster";
    public const string Assignments = "wfassignments";
    public const string CheckIns = "wfcheckins";
    public const string Reviews = "wfreviews";
    public const string Handovers = "wfhandovers";
    public const string Reservations = "wfreservations";

    /// <summary>Gets every table the repository uses (without the host's prefix), e.g. to load them ahead of the first request.</summary>
    public static IReadOnlyList<string> Tables { get; } = [Master, Assignments, CheckIns, Reviews, Handovers, Reservations];

    private const string RoundKey = "round";
    private const string VillageKey = "village";
    private const string CadreKey = "cadre";
    private const string UnitKey = "unit";
    private const string HistoryKey = "history";
    private const string HandoverKey = "handover";
    private const string ReservationKey = "cadre";

    /// <summary>Gets the store (for its request count).</summary>
    public IDocumentStore Store => store;

    public Task UpsertRoundAsync(Round round, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(Master, RoundKey, round.Id, round, cancellationToken);

    public async Task<Round?> GetRoundAsync(string id, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<Round>(Master, RoundKey, id, cancellationToken))?.Value;

    public Task UpsertVillageAsync(Village village, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(Master, VillageKey, village.Id, village, cancellationToken);

    public async Task<Village?> GetVillageAsync(string id, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<Village>(Master, VillageKey, id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<Village>> ListVillagesAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<Village>(Master, VillageKey, cancellationToken)).Select(s => s.Value).ToList();

    public Task UpsertCadreAsync(Cadre cadre, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(Master, CadreKey, cadre.Id, cadre, cancellationToken);

    public async Task<Cadre?> GetCadreAsync(string id, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<Cadre>(Master, CadreKey, id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<Cadre>> ListCadresAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<Cadre>(Master, CadreKey, cancellationToken)).Select(s => s.Value).ToList();

    public Task UpsertUnitAsync(DispatchingUnit unit, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(Master, UnitKey, unit.Id, unit, cancellationToken);

    public async Task<DispatchingUnit?> GetUnitAsync(string id, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<DispatchingUnit>(Master, UnitKey, id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<DispatchingUnit>> ListUnitsAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<DispatchingUnit>(Master, UnitKey, cancellationToken)).Select(s => s.Value).ToList();

    public async Task<CadreHistory> GetHistoryAsync(string cadreId, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<CadreHistory>(Master, HistoryKey, cadreId, cancellationToken))?.Value ?? new CadreHistory { CadreId = cadreId };

    public async Task<IReadOnlyList<CadreHistory>> ListHistoriesAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<CadreHistory>(Master, HistoryKey, cancellationToken)).Select(s => s.Value).ToList();

    /// <summary>Applies <paramref name="change"/> to a cadre's history, retrying on concurrent writers.</summary>
    public Task UpdateHistoryAsync(string cadreId, Func<CadreHistory, CadreHistory> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(Master, HistoryKey, cadreId, () => new CadreHistory { CadreId = cadreId }, change, cancellationToken);

    public async Task<Stored<AssignmentRecord>?> GetAssignmentAsync(string roundId, string assignmentId, CancellationToken cancellationToken = default) =>
        await store.GetAsync<AssignmentRecord>(Assignments, roundId, assignmentId, cancellationToken);

    public async Task<IReadOnlyList<AssignmentRecord>> ListAssignmentsAsync(string roundId, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<AssignmentRecord>(Assignments, roundId, cancellationToken)).Select(s => s.Value).ToList();

    public Task UpsertAssignmentAsync(AssignmentRecord record, CancellationToken cancellationToken = default) =>
        store.UpsertAsync(Assignments, record.RoundId, record.Id, record, cancellationToken);

    /// <summary>Applies <paramref name="change"/> to an assignment record, creating it from <paramref name="create"/> when missing.</summary>
    public Task<AssignmentRecord> UpdateAssignmentAsync(string roundId, string assignmentId, Func<AssignmentRecord> create, Func<AssignmentRecord, AssignmentRecord> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(Assignments, roundId, assignmentId, create, change, cancellationToken);

    public async Task<Stored<CheckInRecord>?> GetCheckInAsync(string roundId, string checkInId, CancellationToken cancellationToken = default) =>
        await store.GetAsync<CheckInRecord>(CheckIns, roundId, checkInId, cancellationToken);

    public async Task<IReadOnlyList<CheckInRecord>> ListCheckInsAsync(string roundId, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<CheckInRecord>(CheckIns, roundId, cancellationToken)).Select(s => s.Value).ToList();

    /// <summary>Returns one assignment's check-ins (ids <c>{assignmentId}|{period}</c>) without reading the rest of the round.</summary>
    public async Task<IReadOnlyList<CheckInRecord>> ListCheckInsAsync(string roundId, string assignmentId, CancellationToken cancellationToken = default) =>
        (await store.QueryPrefixAsync<CheckInRecord>(CheckIns, roundId, assignmentId + "|", cancellationToken)).Select(s => s.Value).ToList();

    /// <summary>Creates the check-in unless it exists (a retried activity), returning the stored one.</summary>
    public async Task<CheckInRecord> CreateCheckInAsync(CheckInRecord record, CancellationToken cancellationToken = default)
    {
        if (await store.TryInsertAsync(CheckIns, record.RoundId, record.Id, record, cancellationToken) is not null)
        {
            return record;
        }

        return (await store.GetAsync<CheckInRecord>(CheckIns, record.RoundId, record.Id, cancellationToken))!.Value;
    }

    /// <summary>Applies <paramref name="change"/> to a check-in; null when it does not exist.</summary>
    public async Task<CheckInRecord?> UpdateCheckInAsync(string roundId, string checkInId, Func<CheckInRecord, CheckInRecord?> change, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var current = await store.GetAsync<CheckInRecord>(CheckIns, roundId, checkInId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var next = change(current.Value);
            if (next is null || next == current.Value)
            {
                return current.Value;
            }

            if (await store.TryReplaceAsync(CheckIns, roundId, checkInId, next, current.ETag, cancellationToken) is not null)
            {
                return next;
            }
        }
    }

    public async Task<Stored<ReviewRecord>?> GetReviewAsync(string assignmentId, int sequence, CancellationToken cancellationToken = default) =>
        await store.GetAsync<ReviewRecord>(Reviews, assignmentId, SequenceKey(sequence), cancellationToken);

    public async Task<IReadOnlyList<ReviewRecord>> ListReviewsAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<ReviewRecord>(Reviews, assignmentId, cancellationToken)).Select(s => s.Value).ToList();

    public Task<ReviewRecord> UpdateReviewAsync(string assignmentId, int sequence, Func<ReviewRecord> create, Func<ReviewRecord, ReviewRecord> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(Reviews, assignmentId, SequenceKey(sequence), create, change, cancellationToken);

    public async Task<HandoverRecord?> GetHandoverAsync(string assignmentId, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<HandoverRecord>(Handovers, HandoverKey, assignmentId, cancellationToken))?.Value;

    public Task<HandoverRecord> UpdateHandoverAsync(string assignmentId, Func<HandoverRecord> create, Func<HandoverRecord, HandoverRecord> change, CancellationToken cancellationToken = default) =>
        UpdateAsync(Handovers, HandoverKey, assignmentId, create, change, cancellationToken);

    public async Task<IReadOnlyDictionary<string, string>> ListReservationsAsync(CancellationToken cancellationToken = default) =>
        (await store.QueryAsync<CadreReservation>(Reservations, ReservationKey, cancellationToken))
            .ToDictionary(s => s.Value.CadreId, s => s.Value.AssignmentId, StringComparer.Ordinal);

    public async Task<string?> GetReservationHolderAsync(string cadreId, CancellationToken cancellationToken = default) =>
        (await store.GetAsync<CadreReservation>(Reservations, ReservationKey, cadreId, cancellationToken))?.Value.AssignmentId;

    /// <summary>
    /// Reserves <paramref name="cadreId"/> for <paramref name="assignmentId"/>. Insert-if-absent, so of two
    /// assignments deciding on one free cadre at once exactly one wins; holding it already is a success
    /// (a repeated decision); another holder is a conflict naming it.
    /// </summary>
    public async Task<ReservationResult> TryReserveAsync(string cadreId, string assignmentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var reservation = new CadreReservation(cadreId, assignmentId, now);
        if (await store.TryInsertAsync(Reservations, ReservationKey, cadreId, reservation, cancellationToken) is not null)
        {
            return ReservationResult.Won;
        }

        var holder = await store.GetAsync<CadreReservation>(Reservations, ReservationKey, cadreId, cancellationToken);
        if (holder is null)
        {
            // Released between our insert and read: try once more rather than report a conflict nobody holds.
            return await store.TryInsertAsync(Reservations, ReservationKey, cadreId, reservation, cancellationToken) is not null
                ? ReservationResult.Won
                : new ReservationResult(false, (await GetReservationHolderAsync(cadreId, cancellationToken)) ?? "another assignment");
        }

        return string.Equals(holder.Value.AssignmentId, assignmentId, StringComparison.Ordinal)
            ? ReservationResult.Won
            : new ReservationResult(false, holder.Value.AssignmentId);
    }

    /// <summary>Moves a reservation from one assignment to the next (an extension keeps the cadre); ETag-guarded.</summary>
    public async Task<bool> TransferReservationAsync(string cadreId, string fromAssignmentId, string toAssignmentId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var current = await store.GetAsync<CadreReservation>(Reservations, ReservationKey, cadreId, cancellationToken);
        if (current is null)
        {
            return (await TryReserveAsync(cadreId, toAssignmentId, now, cancellationToken)).Succeeded;
        }

        if (string.Equals(current.Value.AssignmentId, toAssignmentId, StringComparison.Ordinal))
        {
            return true;
        }

        if (!string.Equals(current.Value.AssignmentId, fromAssignmentId, StringComparison.Ordinal))
        {
            return false;
        }

        return await store.TryReplaceAsync(Reservations, ReservationKey, cadreId, new CadreReservation(cadreId, toAssignmentId, now), current.ETag, cancellationToken) is not null;
    }

    /// <summary>Releases the reservation when <paramref name="assignmentId"/> holds it; ETag-guarded so a newer holder is never released.</summary>
    public async Task ReleaseAsync(string cadreId, string assignmentId, CancellationToken cancellationToken = default)
    {
        var current = await store.GetAsync<CadreReservation>(Reservations, ReservationKey, cadreId, cancellationToken);
        if (current is not null && string.Equals(current.Value.AssignmentId, assignmentId, StringComparison.Ordinal))
        {
            await store.TryDeleteAsync(Reservations, ReservationKey, cadreId, current.ETag, cancellationToken);
        }
    }

    private static string SequenceKey(int sequence) => sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<T> UpdateAsync<T>(string table, string partition, string row, Func<T> create, Func<T, T> change, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            var current = await store.GetAsync<T>(table, partition, row, cancellationToken);
            if (current is null)
            {
                var created = change(create());
                if (await store.TryInsertAsync(table, partition, row, created, cancellationToken) is not null)
                {
                    return created;
                }

                continue;
            }

            var next = change(current.Value);
            if (Equals(next, current.Value))
            {
                return next;
            }

            if (await store.TryReplaceAsync(table, partition, row, next, current.ETag, cancellationToken) is not null)
            {
                return next;
            }
        }
    }
}
