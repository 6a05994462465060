using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Dispatch.Workflow.Policy;

/// <summary>The checks DataAnnotations cannot express: orderings and sums across settings.</summary>
internal sealed class WorkflowPolicyValidator : IValidateOptions<WorkflowPolicy>
{
    public ValidateOptionsResult Validate(string? name, WorkflowPolicy options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        void Order(string earlier, int a, string later, int b)
        {
            if (a >= b)
            {
                failures.Add($"{nameof(WorkflowPolicy)}.{later} ({b}) must be greater than {earlier} ({a}).");
            }
        }

        Order(nameof(options.SelectionReminderDays), options.SelectionReminderDays, nameof(options.SelectionEscalationDays), options.SelectionEscalationDays);
        Order(nameof(options.HandoverReminderDays), options.HandoverReminderDays, nameof(options.HandoverEscalationDays), options.HandoverEscalationDays);
        Order(nameof(options.CheckInReminderDays), options.CheckInReminderDays, nameof(options.CheckInEscalationDays), options.CheckInEscalationDays);
        Order(nameof(options.DecisionReminderDays), options.DecisionReminderDays, nameof(options.DecisionEscalationDays), options.DecisionEscalationDays);
        Order(nameof(options.ReviewReminderDays), options.ReviewReminderDays, nameof(options.ReviewDeadlineDays), options.ReviewDeadlineDays);
        Order(nameof(options.NoExcellentAtAbsences), options.NoExcellentAtAbsences, nameof(options.BasicallyCompetentAtAbsences), options.BasicallyCompetentAtAbsences);
        Order(nameof(options.BasicallyCompetentAtAbsences), options.BasicallyCompetentAtAbsences, nameof(options.IncompetentAtAbsences), options.IncompetentAtAbsences);
        if (!(options.BasicallyCompetentThreshold < options.CompetentThreshold && options.CompetentThreshold < options.ExcellentThreshold))
        {
            failures.Add($"{nameof(WorkflowPolicy)} grade thresholds must rise: {nameof(options.BasicallyCompetentThreshold)} ({options.BasicallyCompetentThreshold}) < {nameof(options.CompetentThreshold)} ({options.CompetentThreshold}) < {nameof(options.ExcellentThreshold)} ({options.ExcellentThreshold}).");
        }

        if (options.OrgDepartmentWeight + options.TownshipWeight + options.UnitWeight <= 0)
        {
            failures.Add($"{nameof(WorkflowPolicy)} review weights: at least one of {nameof(options.OrgDepartmentWeight)}, {nameof(options.TownshipWeight)}, {nameof(options.UnitWeight)} must be above 0.");
        }

        foreach (var (township, contact) in options.Townships)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(contact, new ValidationContext(contact), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{nameof(WorkflowPolicy)}.{nameof(options.Townships)}[{township}]: {r.ErrorMessage}"));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
