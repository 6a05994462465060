namespace Dispatch.Workflow.Lifecycle;

/// <summary>The check-ins of one month across a round. Answer speed is never ranked: only counts.</summary>
/// <param name="Period">The month, <c>yyyy-MM</c>.</param>
/// <param name="Requested">Check-ins requested.</param>
/// <param name="Answered">Answered before the month closed.</param>
/// <param name="AnsweredLate">Answered after closing as missed.</param>
/// <param name="Missed">Closed as missed and still unanswered.</param>
/// <param name="Open">Still open.</param>
public sealed record MonthCheckIns(string Period, int Requested, int Answered, int AnsweredLate, int Missed, int Open)
{
    /// <summary>Gets the share answered on time among the closed check-ins (0–1).</summary>
    public double AnswerRate => Requested - Open == 0 ? 0 : (double)Answered / (Requested - Open);
}
