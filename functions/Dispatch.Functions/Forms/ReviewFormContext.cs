using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Forms;

/// <summary>What the review page shows and pre-fills for one participant.</summary>
/// <param name="TaskId">The link subject, <c>{reviewId}|{participant}</c>.</param>
/// <param name="AssignmentId">The assignment.</param>
/// <param name="VillageName">The village.</param>
/// <param name="Township">The township.</param>
/// <param name="SecretaryName">The secretary under review.</param>
/// <param name="Scorer">Who fills this form: the secretary (self-report) or a scorer.</param>
/// <param name="Kind">Annual or end-of-term.</param>
/// <param name="DueAt">The forms' deadline.</param>
/// <param name="Closed">Whether the review has closed.</param>
/// <param name="Submitted">Whether this participant's form is already in.</param>
/// <param name="SelfReport">The secretary's self-report (述职), once submitted.</param>
/// <param name="AttendanceFailures">Months below the minimum plus missed check-ins since the last review (they cap the grade).</param>
/// <param name="Facts">The period's check-ins, summarized.</param>
/// <param name="Thresholds">The lowest scores of 优秀, 称职 and 基本称职.</param>
internal sealed record ReviewFormContext(
    string TaskId,
    string AssignmentId,
    string VillageName,
    string Township,
    string SecretaryName,
    ReviewScorer Scorer,
    ReviewKind Kind,
    DateTimeOffset DueAt,
    bool Closed,
    bool Submitted,
    string? SelfReport,
    int AttendanceFailures,
    ReviewPeriodFacts Facts,
    (double Excellent, double Competent, double BasicallyCompetent) Thresholds);
