using Dispatch.Workflow.Policy;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// The policy values the orchestration schedules by, snapshotted into its state by an activity so replays
/// see the same numbers; refreshed every month, so a policy change takes effect at the next month.
/// </summary>
internal sealed record LifecycleSettings
{
    public int TermMonths { get; init; } = 24;
    public int HandoverWithinDays { get; init; } = 14;
    public int SelectionReminderDays { get; init; } = 3;
    public int SelectionEscalationDays { get; init; } = 7;
    public int HandoverReminderDays { get; init; } = 3;
    public int HandoverEscalationDays { get; init; } = 7;
    public int CheckInDayOfMonth { get; init; } = 1;
    public int CheckInReminderDays { get; init; } = 3;
    public int CheckInEscalationDays { get; init; } = 7;
    public int ReviewIntervalMonths { get; init; } = 12;
    public int ReviewDeadlineDays { get; init; } = 14;
    public int ReviewReminderDays { get; init; } = 7;
    public int DecisionReminderDays { get; init; } = 3;
    public int DecisionEscalationDays { get; init; } = 7;
    public bool VillagersScore { get; init; }

    public static LifecycleSettings From(WorkflowPolicy policy) => new()
    {
        TermMonths = policy.TermMonths,
        HandoverWithinDays = policy.HandoverWithinDays,
        SelectionReminderDays = policy.SelectionReminderDays,
        SelectionEscalationDays = policy.SelectionEscalationDays,
        HandoverReminderDays = policy.HandoverReminderDays,
        HandoverEscalationDays = policy.HandoverEscalationDays,
        CheckInDayOfMonth = policy.CheckInDayOfMonth,
        CheckInReminderDays = policy.CheckInReminderDays,
        CheckInEscalationDays = policy.CheckInEscalationDays,
        ReviewIntervalMonths = policy.ReviewIntervalMonths,
        ReviewDeadlineDays = policy.ReviewDeadlineDays,
        ReviewReminderDays = policy.ReviewReminderDays,
        DecisionReminderDays = policy.DecisionReminderDays,
        DecisionEscalationDays = policy.DecisionEscalationDays,
        VillagersScore = policy.VillagersWeight > 0,
    };
}
