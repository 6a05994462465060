using Dispatch.Mail;

namespace Dispatch.Workflow.Domain;

/// <summary>One monthly check-in (月度报告) of an assignment.</summary>
public sealed record CheckInRecord
{
    /// <summary>Gets the check-in id: <c>{assignmentId}|{yyyy-MM}</c> (the form link's subject).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the assignment.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>Gets the round.</summary>
    public required string RoundId { get; init; }

    /// <summary>Gets the month the check-in covers, <c>yyyy-MM</c>.</summary>
    public required string Period { get; init; }

    /// <summary>Gets the status.</summary>
    public CheckInStatus Status { get; init; }

    /// <summary>Gets when the request went out.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Gets when the month closes (missed if unanswered by then).</summary>
    public DateTimeOffset ClosesAt { get; init; }

    /// <summary>Gets when the reminder went out, if it did.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>Gets when the escalation went out, if it did.</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>Gets when the answer arrived.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Gets the answer, once given.</summary>
    public CheckInAnswer? Answer { get; init; }

    /// <summary>Gets how the answer came: <c>form</c> or <c>email</c>.</summary>
    public string? Source { get; init; }

    /// <summary>Gets a value indicating whether the month is below the policy's minimum days in the village.</summary>
    public bool LowAttendance { get; init; }

    /// <summary>Gets a value indicating whether the check-in is still open for an on-time answer.</summary>
    public bool IsOpen => Status is CheckInStatus.Requested or CheckInStatus.Reminded or CheckInStatus.Escalated;

    /// <summary>
    /// This check-in with <paramref name="answer"/>: answered on time while open, late once closed as missed;
    /// low attendance when the days in the village are below <paramref name="minimumDays"/>.
    /// </summary>
    public CheckInRecord WithAnswer(CheckInAnswer answer, DateTimeOffset answeredAt, string source, int minimumDays)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return this with
        {
            Status = IsOpen ? CheckInStatus.Answered : CheckInStatus.AnsweredLate,
            Answer = answer,
            AnsweredAt = answeredAt,
            Source = source,
            LowAttendance = answer.DaysInVillage < minimumDays,
        };
    }

    /// <summary>Builds the id of an assignment's check-in for <paramref name="period"/>.</summary>
    public static string IdFor(string assignmentId, string period) => $"{assignmentId}|{period}";
}
