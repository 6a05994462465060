using System.Globalization;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Forms;

/// <content>The review form: the secretary's self-report (述职), or one reviewer's score.</content>
internal static partial class FormsApi
{
    /// <summary>Shows the review form: the self-report pre-drafted from the check-ins, or the score form beside the secretary's record.</summary>
    public static async Task<ContentHttpResult> GetReview(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] IReviewForms forms,
        [FromServices] IAntiforgery antiforgery,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        var (language, opened, refusal) = await OpenAsync(http, token, LinkPurposes.Review, tokens, forms.GetAsync, cancellationToken);
        refusal ??= Finished(opened!, language, http, StatusCodes.Status200OK);
        if (refusal is not null)
        {
            return refusal;
        }

        var context = opened!;

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ReviewFormModel.Text] = context.Scorer == ReviewScorer.Self ? ReviewFormModel.Draft(context.Facts, language) : string.Empty,
        };
        return ReviewPage(context, language, http, antiforgery, values, NoErrors, null, StatusCodes.Status200OK);
    }

    /// <summary>Records the review form, or re-renders it with what needs correcting.</summary>
    public static async Task<ContentHttpResult> PostReview(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] IReviewForms forms,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] ILogger<IReviewForms> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var (language, opened, refusal) = await OpenAsync(http, token, LinkPurposes.Review, tokens, forms.GetAsync, cancellationToken);
        refusal ??= Finished(opened!, language, http, StatusCodes.Status409Conflict);
        if (refusal is not null)
        {
            return refusal;
        }

        var context = opened!;

        if (!http.Request.HasFormContentType)
        {
            return ReviewPage(context, language, http, antiforgery, NoErrors, NoErrors, "error.antiforgery", StatusCodes.Status400BadRequest);
        }

        var posted = await http.Request.ReadFormAsync(cancellationToken);
        var form = ReviewFormModel.Parse(posted, context.Scorer, language, out var errors, out var values);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return ReviewPage(context, language, http, antiforgery, values, NoErrors, "error.antiforgery", StatusCodes.Status400BadRequest);
        }

        if (form is null)
        {
            return ReviewPage(context, language, http, antiforgery, values, errors, "errors.summary", StatusCodes.Status400BadRequest);
        }

        var result = await forms.SubmitAsync(context.TaskId, form, cancellationToken);
        switch (result.Status)
        {
            case CommandStatus.Accepted:
                LogReviewSubmitted(logger, context.AssignmentId, context.TaskId);
                var page = new HtmlPage(language, FormText.Get("review.done.title", language));
                page.Raw("<div class=\"card ok\">").Element("p", FormText.Get("review.done.body", language));
                ReviewSummary(page, context);
                page.Raw("</div>");
                return Html(page.Render(), StatusCodes.Status200OK);
            case CommandStatus.Invalid:
                return ReviewPage(context, language, http, antiforgery, values, WorkflowErrors(result, k => k), "errors.summary", StatusCodes.Status400BadRequest);
            case CommandStatus.NotFound:
                return Unknown(language);
            case CommandStatus.Gone:
                return Message(language, "review.closed.title", "review.closed.body", StatusCodes.Status410Gone, http);
            default:
                return Message(language, "review.used.title", "review.used.body", StatusCodes.Status409Conflict, http);
        }
    }

    // A submitted review reads as used (200 when opened again, 409 when posted again); a closed one as gone.
    private static ContentHttpResult? Finished(ReviewFormContext context, NoticeLanguage language, HttpContext http, int usedStatus) =>
        context.Submitted ? Message(language, "review.used.title", "review.used.body", usedStatus, http)
        : context.Closed ? Message(language, "review.closed.title", "review.closed.body", StatusCodes.Status410Gone, http)
        : null;

    private static ContentHttpResult ReviewPage(
        ReviewFormContext context,
        NoticeLanguage language,
        HttpContext http,
        IAntiforgery antiforgery,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> errors,
        string? summaryKey,
        int status)
    {
        var self = context.Scorer == ReviewScorer.Self;
        var page = new HtmlPage(language, FormText.Get(self ? "review.title.self" : "review.title.score", language));
        page.Raw("<div class=\"card\">");
        ReviewSummary(page, context);
        page.Element("p", FormText.Get(self ? "review.self.intro" : "review.score.intro", language), "hint");
        Alert(page, summaryKey);
        if (!self)
        {
            var facts = context.Facts;
            page.Element("h3", FormText.Get("review.facts", language))
                .Element("p", FormText.Format("review.facts.line", language, facts.Months, facts.Answered, facts.Late, facts.Missed, facts.LowAttendance))
                .Element("p", FormText.Format(
                    "review.facts.totals",
                    language,
                    facts.DaysInVillage,
                    facts.HouseholdsVisited,
                    facts.ProblemsSolved,
                    facts.FundsSecuredYuan.ToString("0.##", CultureInfo.InvariantCulture),
                    facts.ProjectsAdvanced));
            if (context.AttendanceFailures > 0)
            {
                page.Raw("<div class=\"summary\">").Element("p", FormText.Format("review.attendance", language, context.AttendanceFailures)).Raw("</div>");
            }

            page.Element("h3", FormText.Get("review.selfReport", language));
            page.Element("p", context.SelfReport ?? FormText.Get("review.selfReport.none", language), context.SelfReport is null ? "hint" : "pre");
        }

        BeginForm(page, http, antiforgery);
        if (self)
        {
            TextField(page, ReviewFormModel.Text, FormText.Get("review.text.self", language), values, errors, multiline: true, rows: 12);
        }
        else
        {
            var (excellent, competent, basic) = context.Thresholds;
            TextField(page, ReviewFormModel.Score, FormText.Get("review.score", language), values, errors, multiline: false, FormText.Format("review.grades", language, excellent, competent, basic), "decimal");
            TextField(page, ReviewFormModel.Text, FormText.Get("review.text.score", language), values, errors, multiline: true, rows: 4);
        }

        Submit(page, "review.submit");
        page.Raw("</div>");
        return Html(page.Render(OtherLanguageUrl(http, language)), status);
    }

    private static void ReviewSummary(HtmlPage page, ReviewFormContext context)
    {
        var language = page.Language;
        var due = context.DueAt.ToOffset(FormLanguage.LocalOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        page.Raw("<dl class=\"meta\">")
            .Element("dt", FormText.Get("field.village", language)).Element("dd", $"{context.Township} · {context.VillageName}")
            .Element("dt", FormText.Get("field.secretary", language)).Element("dd", context.SecretaryName)
            .Element("dt", FormText.Get("field.review", language)).Element("dd", FormText.Get(context.Kind == ReviewKind.Annual ? "review.kind.annual" : "review.kind.termEnd", language))
            .Element("dt", FormText.Get("field.due", language)).Element("dd", due);
        if (context.Scorer != ReviewScorer.Self)
        {
            var scorer = context.Scorer switch
            {
                ReviewScorer.OrgDepartment => "scorer.orgDepartment",
                ReviewScorer.Township => "scorer.township",
                ReviewScorer.Unit => "scorer.unit",
                _ => "scorer.villagers",
            };
            page.Element("dt", FormText.Get("field.reviewer", language)).Element("dd", FormText.Get(scorer, language));
        }

        page.Raw("</dl>");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Review form {TaskId} of assignment {AssignmentId} submitted through the form")]
    private static partial void LogReviewSubmitted(ILogger logger, string assignmentId, string taskId);
}
