namespace Dispatch.Workflow.Selection;

/// <summary>One criterion's contribution to a candidate's score, with the reason.</summary>
/// <param name="Criterion">One of <c>needSkillMatch</c>, <c>ruralExperience</c>, <c>unitResources</c>, <c>pastGrades</c>, <c>warnings</c>.</param>
/// <param name="Points">Points added (negative when subtracted).</param>
/// <param name="Reason">Why, in words HR understands.</param>
public sealed record ScorePart(string Criterion, int Points, string Reason);
