namespace Dispatch.Workflow.Selection;

/// <summary>A rule a candidate breaks: a hard rule (ineligible) or an overridable warning.</summary>
/// <param name="Code">Stable code, e.g. <c>not_party_member</c> or <c>home_township</c>.</param>
/// <param name="Message">Explanation for HR.</param>
public sealed record SelectionIssue(string Code, string Message);
