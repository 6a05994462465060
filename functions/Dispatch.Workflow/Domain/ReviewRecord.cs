namespace Dispatch.Workflow.Domain;

/// <summary>An annual or end-of-term review of an assignment, with every form and the grade.</summary>
public sealed record ReviewRecord
{
    /// <summary>Gets the review id: <c>{assignmentId}|review-{sequence}</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the assignment.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>Gets the sequence: 1 for the first review of the term.</summary>
    public required int Sequence { get; init; }

    /// <summary>Gets the kind.</summary>
    public ReviewKind Kind { get; init; }

    /// <summary>Gets when the forms went out.</summary>
    public DateTimeOffset OpenedAt { get; init; }

    /// <summary>Gets the forms' deadline.</summary>
    public DateTimeOffset DueAt { get; init; }

    /// <summary>Gets who takes part (the secretary's self-report and the scorers).</summary>
    public IReadOnlyList<ReviewScorer> Participants { get; init; } = [];

    /// <summary>Gets the forms received, by participant.</summary>
    public IReadOnlyDictionary<ReviewScorer, ReviewForm> Forms { get; init; } = new Dictionary<ReviewScorer, ReviewForm>();

    /// <summary>Gets the attendance failures in the period (months below minimum plus missed check-ins).</summary>
    public int AttendanceFailures { get; init; }

    /// <summary>Gets the weighted score, once closed and scored.</summary>
    public decimal? WeightedScore { get; init; }

    /// <summary>Gets the grade, once closed; null when no reviewer scored.</summary>
    public Grade? Grade { get; init; }

    /// <summary>Gets why the grade is lower than the score alone gives, when attendance capped it.</summary>
    public string? CappedBecause { get; init; }

    /// <summary>Gets when the review closed.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Builds a review id.</summary>
    public static string IdFor(string assignmentId, int sequence) => $"{assignmentId}|review-{sequence}";

    /// <summary>Builds the subject id of one participant's form link: <c>{reviewId}|{participant}</c>.</summary>
    public static string TaskIdFor(string reviewId, ReviewScorer scorer) => $"{reviewId}|{scorer}";
}
