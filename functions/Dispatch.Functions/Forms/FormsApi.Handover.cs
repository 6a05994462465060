using System.Globalization;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Workflow.Lifecycle;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Forms;

/// <content>The handover page: one link per party, whose page shows the step the handover is at.</content>
internal static partial class FormsApi
{
    /// <summary>Shows the handover step for the party of the link, pre-filled.</summary>
    public static async Task<ContentHttpResult> GetHandover(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] IHandoverForms forms,
        [FromServices] IAntiforgery antiforgery,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        var (language, context, refusal) = await OpenAsync(http, token, LinkPurposes.Handover, tokens, forms.GetAsync, cancellationToken);
        return refusal ?? HandoverPage(context!, language, http, antiforgery, InitialValues(context!), NoErrors, null, StatusCodes.Status200OK);
    }

    /// <summary>Records the party's answer at the current step, or re-renders the step with what needs correcting.</summary>
    public static async Task<ContentHttpResult> PostHandover(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] IHandoverForms forms,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] TimeProvider time,
        [FromServices] ILogger<IHandoverForms> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(time);
        var (language, context, refusal) = await OpenAsync(http, token, LinkPurposes.Handover, tokens, forms.GetAsync, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var step = context!.Step;
        if (step is HandoverStep.Waiting or HandoverStep.Done)
        {
            return HandoverPage(context, language, http, antiforgery, NoErrors, NoErrors, null, StatusCodes.Status409Conflict);
        }

        if (!http.Request.HasFormContentType)
        {
            return HandoverPage(context, language, http, antiforgery, InitialValues(context), NoErrors, "error.antiforgery", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            var kept = form.Keys.ToDictionary(k => k, k => form[k].ToString(), StringComparer.Ordinal);
            return HandoverPage(context, language, http, antiforgery, kept, NoErrors, "error.antiforgery", StatusCodes.Status400BadRequest);
        }

        // A page opened before the handover moved on (say, the meeting time came) answers a question no longer asked.
        if (!string.Equals(form[HandoverFields.Step].ToString(), StepCode(step), StringComparison.Ordinal))
        {
            return HandoverPage(context, language, http, antiforgery, InitialValues(context), NoErrors, "page.changed", StatusCodes.Status409Conflict);
        }

        Dictionary<string, string> errors, values;
        CommandResult result;
        string doneTitle, doneBody;
        switch (step)
        {
            case HandoverStep.Meeting:
                var meeting = HandoverFormModel.ParseMeeting(form, CanReschedule(context), time.GetUtcNow(), language, out errors, out values);
                if (meeting is not { } answer)
                {
                    return HandoverPage(context, language, http, antiforgery, values, errors, "errors.summary", StatusCodes.Status400BadRequest);
                }

                result = await forms.RespondAsync(context.Subject, answer.Accept, answer.ProposedAt, cancellationToken);
                (doneTitle, doneBody) = ("handover.meeting.done.title", answer.Accept ? "handover.meeting.done.accept" : "handover.meeting.done.reschedule");
                break;
            case HandoverStep.List:
                var list = HandoverFormModel.ParseList(form, language, out errors, out values);
                if (list is null)
                {
                    return HandoverPage(context, language, http, antiforgery, values, errors, "errors.summary", StatusCodes.Status400BadRequest);
                }

                result = await forms.SubmitListAsync(context.Subject, list, cancellationToken);
                (doneTitle, doneBody) = ("handover.list.done.title", "handover.list.done.body");
                break;
            default:
                var acceptance = HandoverFormModel.ParseAcceptance(form, language, out errors, out values);
                if (acceptance is not { } decision)
                {
                    return HandoverPage(context, language, http, antiforgery, values, errors, "errors.summary", StatusCodes.Status400BadRequest);
                }

                result = await forms.ReviewListAsync(context.Subject, decision.Accepted, decision.Missing, cancellationToken);
                (doneTitle, doneBody) = decision.Accepted
                    ? ("handover.accept.done.title", "handover.accept.done.body")
                    : ("handover.return.done.title", "handover.return.done.body");
                break;
        }

        switch (result.Status)
        {
            case CommandStatus.Accepted:
                LogHandoverStep(logger, context.AssignmentId, context.Party.ToString(), StepCode(step));
                var page = new HtmlPage(language, FormText.Get(doneTitle, language));
                page.Raw("<div class=\"card ok\">").Element("p", FormText.Get(doneBody, language));
                HandoverSummary(page, context);
                page.Raw("</div>");
                return Html(page.Render(), StatusCodes.Status200OK);
            case CommandStatus.Invalid:
                return HandoverPage(context, language, http, antiforgery, values, WorkflowErrors(result, HandoverFormModel.FieldOf), "errors.summary", StatusCodes.Status400BadRequest);
            case CommandStatus.NotFound:
                return Unknown(language);
            case CommandStatus.Gone:
                return Message(language, "handover.gone.title", "handover.gone.body", StatusCodes.Status410Gone, http);
            default:
                var fresh = await forms.GetAsync(context.Subject, cancellationToken) ?? context;
                return HandoverPage(fresh, language, http, antiforgery, InitialValues(fresh), NoErrors, "page.changed", StatusCodes.Status409Conflict);
        }
    }

    private static bool CanReschedule(HandoverFormContext context) => !context.IsOrientation && context.Party != HandoverParty.Township;

    private static string StepCode(HandoverStep step) => step.ToString().ToLowerInvariant();

    private static Dictionary<string, string> InitialValues(HandoverFormContext context) => context.Step switch
    {
        HandoverStep.Meeting => new(StringComparer.Ordinal) { [HandoverFields.Response] = "accept" },
        HandoverStep.List => HandoverFormModel.ValuesOf(context.ReturnedList),
        _ => NoErrors,
    };

    private static ContentHttpResult HandoverPage(
        HandoverFormContext context,
        NoticeLanguage language,
        HttpContext http,
        IAntiforgery antiforgery,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> errors,
        string? summaryKey,
        int status)
    {
        var step = context.Step;
        var title = step switch
        {
            HandoverStep.Done => "handover.done.title",
            HandoverStep.Waiting => "handover.waiting.title",
            _ => context.IsOrientation ? "orientation.title" : "handover.title",
        };
        var page = new HtmlPage(language, FormText.Get(title, language));
        page.Raw(step == HandoverStep.Done ? "<div class=\"card ok\">" : "<div class=\"card\">");
        HandoverSummary(page, context);
        Alert(page, summaryKey);
        switch (step)
        {
            case HandoverStep.Meeting:
                page.Element("p", FormText.Get(
                    context.IsOrientation ? "handover.meeting.intro.orientation"
                    : context.Party == HandoverParty.Township ? "handover.meeting.intro.township"
                    : "handover.meeting.intro", language), "hint");
                if (context.Confirmed)
                {
                    page.Element("p", FormText.Get("handover.meeting.confirmed", language), "hint");
                }

                BeginForm(page, http, antiforgery);
                StepField(page, step);
                if (CanReschedule(context))
                {
                    Choice(page, HandoverFields.Response, FormText.Get("handover.response", language), [("accept", FormText.Get("handover.response.accept", language)), ("reschedule", FormText.Get("handover.response.reschedule", language))], values, errors);
                    TextField(page, HandoverFields.ProposedAt, FormText.Get("handover.proposedAt", language), values, errors, multiline: false, FormText.Get("hint.proposedAt", language));
                }

                Submit(page, CanReschedule(context) ? "handover.meeting.submit" : "handover.response.accept");
                break;
            case HandoverStep.List:
                page.Element("p", FormText.Get("handover.list.intro", language), "hint");
                if (context.Missing is { Length: > 0 } missing)
                {
                    page.Raw("<div class=\"summary\">").Element("p", FormText.Get("handover.list.missing", language)).Element("p", missing, "pre").Raw("</div>");
                }

                BeginForm(page, http, antiforgery);
                StepField(page, step);
                foreach (var section in HandoverFields.Sections)
                {
                    TextField(page, section, HandoverFields.Label(section, language), values, errors, multiline: true, section == "ledgers" ? FormText.Get("hint.list", language) : null, rows: 3);
                }

                Submit(page, "handover.list.submit");
                break;
            case HandoverStep.Accept:
                page.Element("p", FormText.Get("handover.accept.intro", language), "hint");
                ListView(page, context.List!);
                BeginForm(page, http, antiforgery);
                StepField(page, step);
                Choice(page, HandoverFields.Decision, FormText.Get("handover.decision", language), [("accept", FormText.Get("handover.decision.accept", language)), ("return", FormText.Get("handover.decision.return", language))], values, errors);
                TextField(page, HandoverFields.Missing, FormText.Get("handover.missing", language), values, errors, multiline: true, rows: 3);
                Submit(page, "handover.accept.submit");
                break;
            case HandoverStep.Waiting:
                page.Element("p", FormText.Get(
                    context.IsOrientation ? "handover.waiting.orientation"
                    : context.List is null ? "handover.waiting.list"
                    : "handover.waiting.accept", language));
                break;
            default:
                page.Element("p", FormText.Get("handover.done.body", language));
                break;
        }

        page.Raw("</div>");
        return Html(page.Render(OtherLanguageUrl(http, language)), status);
    }

    private static void StepField(HtmlPage page, HandoverStep step) =>
        page.Raw($"<input type=\"hidden\" name=\"{HandoverFields.Step}\" value=\"{StepCode(step)}\">");

    private static void ListView(HtmlPage page, Workflow.Domain.HandoverList list)
    {
        foreach (var section in HandoverFields.Sections)
        {
            var items = HandoverFormModel.Items(list, section);
            if (items.Count == 0)
            {
                continue;
            }

            page.Element("h3", HandoverFields.Label(section, page.Language)).Raw("<ul class=\"items\">");
            foreach (var item in items)
            {
                page.Element("li", item);
            }

            page.Raw("</ul>");
        }
    }

    private static void HandoverSummary(HtmlPage page, HandoverFormContext context)
    {
        var language = page.Language;
        var local = context.MeetingAt.ToOffset(FormLanguage.LocalOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        page.Raw("<dl class=\"meta\">")
            .Element("dt", FormText.Get("field.village", language)).Element("dd", $"{context.Township} · {context.VillageName}");
        if (context.OutgoingName is not null)
        {
            page.Element("dt", FormText.Get("field.outgoing", language)).Element("dd", context.OutgoingName);
        }

        page.Element("dt", FormText.Get("field.incoming", language)).Element("dd", context.IncomingName)
            .Element("dt", FormText.Get("field.meeting", language)).Element("dd", local + (language == NoticeLanguage.En ? " (Beijing time)" : "（北京时间）"))
            .Element("dt", FormText.Get("field.location", language)).Element("dd", context.Location)
            .Raw("</dl>");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Handover of assignment {AssignmentId}: {Party} answered step {Step} through the form")]
    private static partial void LogHandoverStep(ILogger logger, string assignmentId, string party, string step);
}
