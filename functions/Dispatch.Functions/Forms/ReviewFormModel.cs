using System.Globalization;
using System.Text;
using Dispatch.Mail;
using Dispatch.Workflow.Domain;

namespace Dispatch.Functions.Forms;

/// <summary>Reads a posted review form (a self-report, or a score with a comment) and drafts the self-report.</summary>
internal static class ReviewFormModel
{
    /// <summary>The score field.</summary>
    public const string Score = "score";

    /// <summary>The text field: the self-report, or the reviewer's comment.</summary>
    public const string Text = "text";

    /// <summary>Parses <paramref name="form"/> for <paramref name="scorer"/>; null with the error of each bad field.</summary>
    public static ReviewForm? Parse(IFormCollection form, ReviewScorer scorer, NoticeLanguage language, out Dictionary<string, string> errors, out Dictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors = new Dictionary<string, string>(StringComparer.Ordinal);
        values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Score] = form[Score].ToString().Trim(),
            [Text] = form[Text].ToString().Trim(),
        };
        decimal? score = null;
        if (scorer == ReviewScorer.Self)
        {
            if (values[Text].Length == 0)
            {
                errors[Text] = FormText.Get("error.selfReport", language);
            }
        }
        else
        {
            var text = CheckInFormModel.Normalize(values[Score]).Replace("分", string.Empty, StringComparison.Ordinal).Trim();
            if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) && parsed <= 100 && decimal.Round(parsed, 2) == parsed)
            {
                score = parsed;
            }
            else
            {
                errors[Score] = FormText.Get("error.score", language);
            }
        }

        if (values[Text].Length > 8000)
        {
            errors[Text] = FormText.Get("error.length.8000", language);
        }

        return errors.Count > 0 ? null : new ReviewForm { Score = score, Text = values[Text] };
    }

    /// <summary>A self-report draft from the period's check-ins, for the secretary to edit.</summary>
    public static string Draft(ReviewPeriodFacts facts, NoticeLanguage language)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var draft = new StringBuilder()
            .Append(FormText.Format(
                "review.draft",
                language,
                facts.Months,
                facts.Answered + facts.Late,
                facts.DaysInVillage,
                facts.HouseholdsVisited,
                facts.ProblemsSolved,
                facts.FundsSecuredYuan.ToString("0.##", CultureInfo.InvariantCulture),
                facts.ProjectsAdvanced))
            .Append('\n');
        if (facts.Highlights.Count > 0)
        {
            draft.Append(FormText.Get("review.draft.highlights", language)).Append('\n');
            foreach (var highlight in facts.Highlights.Distinct(StringComparer.Ordinal))
            {
                draft.Append("- ").Append(highlight).Append('\n');
            }
        }

        return draft.Append(FormText.Get("review.draft.next", language)).Append('\n').ToString();
    }
}
