using Dispatch.Mail;
using Dispatch.Mail.Links;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Dispatch.Functions.Forms;

/// <summary>
/// The pages secretaries open from their emails. No account: the signed token in the link is the credential.
/// Simplified Chinese by default, English with <c>?lang=en</c> or Accept-Language; a used, expired or forged
/// token gets a clear page, never a stack trace.
/// </summary>
internal static partial class FormsApi
{
    private const string HtmlType = "text/html; charset=utf-8";

    private static readonly Dictionary<string, string> NoErrors = new(StringComparer.Ordinal);

    /// <summary>Maps <c>GET|POST /checkin/{token}</c>, <c>/handover/{token}</c> and <c>/review/{token}</c>.</summary>
    public static IEndpointRouteBuilder MapFormsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).AllowAnonymous().WithTags("Forms");
        group.MapGet("/checkin/{token}", GetCheckIn).WithName("GetCheckInForm")
            .WithSummary("The monthly check-in form (HTML) for the token in the email link.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/checkin/{token}", PostCheckIn).WithName("PostCheckInForm")
            .WithSummary("Submits the check-in form; re-renders with messages beside the fields on bad input.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        group.MapGet("/handover/{token}", GetHandover).WithName("GetHandoverForm")
            .WithSummary("The handover page (HTML): confirm the meeting, submit or accept the handover list, or see where the handover stands.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/handover/{token}", PostHandover).WithName("PostHandoverForm")
            .WithSummary("Submits the handover step; re-renders with messages beside the fields on bad input.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        group.MapGet("/review/{token}", GetReview).WithName("GetReviewForm")
            .WithSummary("The review form (HTML): the secretary's self-report, pre-drafted from the check-ins, or a reviewer's score.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status404NotFound, StatusCodes.Status410Gone);
        group.MapPost("/review/{token}", PostReview).WithName("PostReviewForm")
            .WithSummary("Submits the review form; re-renders with messages beside the fields on bad input.")
            .HtmlPages(StatusCodes.Status200OK, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status410Gone);
        return routes;
    }

    // Every answer of a form route is a page, errors included (never ProblemDetails: a person reads it).
    private static RouteHandlerBuilder HtmlPages(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<string>(status, "text/html");
        }

        return builder;
    }

    /// <summary>Shows the check-in form, pre-filled.</summary>
    public static async Task<ContentHttpResult> GetCheckIn(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] ICheckInForms forms,
        [FromServices] IAntiforgery antiforgery,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        var (language, context, refusal) = await OpenAsync(http, token, LinkPurposes.CheckIn, tokens, forms.GetAsync, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (context!.Answered)
        {
            return Message(language, "checkin.used.title", "checkin.used.body", StatusCodes.Status200OK, http);
        }

        return Html(CheckInPage(context, language, http, antiforgery, CheckInFormModel.ValuesOf(context.Prefill), NoErrors, null), StatusCodes.Status200OK);
    }

    /// <summary>Records the answer, or re-renders the form with what needs correcting.</summary>
    public static async Task<ContentHttpResult> PostCheckIn(
        string token,
        HttpContext http,
        [FromServices] LinkTokenService tokens,
        [FromServices] ICheckInForms forms,
        [FromServices] IAntiforgery antiforgery,
        [FromServices] ILogger<ICheckInForms> logger,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(forms);
        ArgumentNullException.ThrowIfNull(antiforgery);
        var (language, context, refusal) = await OpenAsync(http, token, LinkPurposes.CheckIn, tokens, forms.GetAsync, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (context!.Answered)
        {
            return Message(language, "checkin.used.title", "checkin.used.body", StatusCodes.Status409Conflict, http);
        }

        if (!http.Request.HasFormContentType)
        {
            return Html(CheckInPage(context, language, http, antiforgery, CheckInFormModel.ValuesOf(context.Prefill), NoErrors, "error.antiforgery"), StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            var kept = CheckInFields.All.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
            return Html(CheckInPage(context, language, http, antiforgery, kept, NoErrors, "error.antiforgery"), StatusCodes.Status400BadRequest);
        }

        var answer = CheckInFormModel.Parse(form, language, out var errors, out var values);
        if (answer is null)
        {
            return Html(CheckInPage(context, language, http, antiforgery, values, errors, "errors.summary"), StatusCodes.Status400BadRequest);
        }

        if (!await forms.SubmitAsync(context.CheckInId, answer, cancellationToken))
        {
            return Message(language, "checkin.used.title", "checkin.used.body", StatusCodes.Status409Conflict, http);
        }

        LogCheckInSubmitted(logger, context.AssignmentId, context.CheckInId);
        var page = new HtmlPage(language, FormText.Get("checkin.done.title", language));
        page.Raw("<div class=\"card ok\">").Element("p", FormText.Get("checkin.done.body", language));
        Summary(page, context);
        page.Raw("</div>");
        return Html(page.Render(), StatusCodes.Status200OK);
    }

    // Every form page starts here: the page's language, no caching of the token's page, then the link's token
    // is checked and the subject it names loaded.
    private static async Task<(NoticeLanguage Language, T? Context, ContentHttpResult? Refusal)> OpenAsync<T>(
        HttpContext http, string token, string purpose, LinkTokenService tokens, Func<string, CancellationToken, Task<T?>> load, CancellationToken cancellationToken)
        where T : class
    {
        var language = FormLanguage.Resolve(http.Request);
        NoStore(http);
        var (subject, refusal) = Check(token, purpose, language, tokens);
        if (refusal is not null)
        {
            return (language, null, refusal);
        }

        var context = await load(subject!, cancellationToken);
        return context is null ? (language, null, Unknown(language)) : (language, context, null);
    }

    // The token is the only credential: a forged, altered or other-purpose token is "not valid", an old one "expired".
    private static (string? Subject, ContentHttpResult? Refusal) Check(string token, string purpose, NoticeLanguage language, LinkTokenService tokens)
    {
        var validation = tokens.Validate(token, purpose);
        return validation.Failure switch
        {
            LinkTokenFailure.None => (validation.SubjectId, null),
            LinkTokenFailure.Expired => (null, Message(language, "token.expired.title", "token.expired.body", StatusCodes.Status410Gone, null)),
            _ => (null, Message(language, "token.invalid.title", "token.invalid.body", StatusCodes.Status404NotFound, null)),
        };
    }

    private static ContentHttpResult Unknown(NoticeLanguage language) =>
        Message(language, "token.unknown.title", "token.unknown.body", StatusCodes.Status404NotFound, null);

    private static void BeginForm(HtmlPage page, HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        page.Raw($"<form method=\"post\" action=\"{page.Encode(http.Request.Path + http.Request.QueryString)}\" novalidate>");
        page.Raw($"<input type=\"hidden\" name=\"{page.Encode(tokens.FormFieldName)}\" value=\"{page.Encode(tokens.RequestToken)}\">");
    }

    private static void Alert(HtmlPage page, string? summaryKey)
    {
        if (summaryKey is not null)
        {
            page.Raw("<div class=\"summary\" role=\"alert\">").Element("p", FormText.Get(summaryKey, page.Language)).Raw("</div>");
        }
    }

    // One labelled input or textarea with its hint and, on bad input, the message beside it.
    private static void TextField(
        HtmlPage page, string field, string label, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, bool multiline, string? hint = null, string? inputMode = null, int rows = 0)
    {
        var error = errors.GetValueOrDefault(field);
        var value = values.GetValueOrDefault(field) ?? string.Empty;
        page.Raw(error is null ? "<div class=\"field\">" : "<div class=\"field invalid\">");
        page.Raw($"<label for=\"{field}\">{page.Encode(label)}</label>");
        var described = error is null ? string.Empty : $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"";
        if (multiline)
        {
            var size = rows > 0 ? $" rows=\"{rows}\"" : string.Empty;
            page.Raw($"<textarea id=\"{field}\" name=\"{field}\" maxlength=\"8000\"{size}{described}>{page.Encode(value)}</textarea>");
        }
        else
        {
            var mode = inputMode is null ? string.Empty : $" inputmode=\"{inputMode}\"";
            page.Raw($"<input type=\"text\" id=\"{field}\" name=\"{field}\"{mode} autocomplete=\"off\" value=\"{page.Encode(value)}\"{described}>");
        }

        if (hint is not null)
        {
            page.Element("p", hint, "hint");
        }

        if (error is not null)
        {
            page.Raw($"<p class=\"error\" id=\"{field}-error\">{page.Encode(error)}</p>");
        }

        page.Raw("</div>");
    }

    // A radio group with the posted (or known) choice checked.
    private static void Choice(HtmlPage page, string field, string legend, IReadOnlyList<(string Value, string Text)> options, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors)
    {
        var error = errors.GetValueOrDefault(field);
        var selected = values.GetValueOrDefault(field) ?? string.Empty;
        page.Raw(error is null ? "<fieldset class=\"field\">" : "<fieldset class=\"field invalid\">");
        page.Element("legend", legend);
        foreach (var (value, text) in options)
        {
            var check = value == selected ? " checked" : string.Empty;
            page.Raw($"<label class=\"opt\"><input type=\"radio\" name=\"{field}\" value=\"{value}\"{check}> {page.Encode(text)}</label>");
        }

        if (error is not null)
        {
            page.Raw($"<p class=\"error\" id=\"{field}-error\">{page.Encode(error)}</p>");
        }

        page.Raw("</fieldset>");
    }

    private static void Submit(HtmlPage page, string textKey) =>
        page.Raw($"<button type=\"submit\">{page.Encode(FormText.Get(textKey, page.Language))}</button></form>");

    // Field errors the workflow found that the page did not (a rule changed underneath): keyed to the page's fields.
    private static Dictionary<string, string> WorkflowErrors(Dispatch.Workflow.Lifecycle.CommandResult result, Func<string, string> field)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, messages) in result.Errors.ToDictionary())
        {
            errors.TryAdd(field(key), string.Join(" ", messages));
        }

        return errors;
    }

    private static string CheckInPage(
        CheckInFormContext context,
        NoticeLanguage language,
        HttpContext http,
        IAntiforgery antiforgery,
        IReadOnlyDictionary<string, string> values,
        IReadOnlyDictionary<string, string> errors,
        string? summaryKey)
    {
        var page = new HtmlPage(language, FormText.Get("checkin.title", language));
        page.Raw("<div class=\"card\">");
        Summary(page, context);
        page.Element("p", FormText.Get("checkin.intro", language), "hint");
        if (context.Late)
        {
            page.Element("p", FormText.Get("checkin.late", language), "summary");
        }

        if (summaryKey is not null)
        {
            page.Raw("<div class=\"summary\" role=\"alert\">").Element("p", FormText.Get(summaryKey, language)).Raw("</div>");
        }

        var tokens = antiforgery.GetAndStoreTokens(http);
        page.Raw($"<form method=\"post\" action=\"{page.Encode(http.Request.Path + http.Request.QueryString)}\" novalidate>");
        page.Raw($"<input type=\"hidden\" name=\"{page.Encode(tokens.FormFieldName)}\" value=\"{page.Encode(tokens.RequestToken)}\">");
        page.Raw("<div class=\"row\">");
        foreach (var field in CheckInFields.All)
        {
            if (field is CheckInFields.Highlights or CheckInFields.HelpNeeded)
            {
                continue;
            }

            Field(page, field, language, values, errors, field == CheckInFields.FundsSecuredYuan ? "decimal" : "numeric");
        }

        page.Raw("</div>");
        Field(page, CheckInFields.Highlights, language, values, errors, null);
        Field(page, CheckInFields.HelpNeeded, language, values, errors, null);
        page.Raw($"<button type=\"submit\">{page.Encode(FormText.Get("checkin.submit", language))}</button></form></div>");
        return page.Render(OtherLanguageUrl(http, language));
    }

    private static void Field(HtmlPage page, string field, NoticeLanguage language, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> errors, string? inputMode)
    {
        var error = errors.GetValueOrDefault(field);
        var value = values.GetValueOrDefault(field) ?? string.Empty;
        page.Raw(error is null ? "<div class=\"field\">" : "<div class=\"field invalid\">");
        page.Raw($"<label for=\"{field}\">{page.Encode(CheckInFields.Label(field, language))}</label>");
        var described = error is null ? string.Empty : $" aria-invalid=\"true\" aria-describedby=\"{field}-error\"";
        if (inputMode is null)
        {
            page.Raw($"<textarea id=\"{field}\" name=\"{field}\" maxlength=\"4000\"{described}>{page.Encode(value)}</textarea>");
        }
        else
        {
            page.Raw($"<input type=\"text\" id=\"{field}\" name=\"{field}\" inputmode=\"{inputMode}\" autocomplete=\"off\" value=\"{page.Encode(value)}\"{described}>");
        }

        if (field == CheckInFields.FundsSecuredYuan)
        {
            page.Element("p", FormText.Get("hint.funds", language), "hint");
        }

        if (error is not null)
        {
            page.Raw($"<p class=\"error\" id=\"{field}-error\">{page.Encode(error)}</p>");
        }

        page.Raw("</div>");
    }

    private static void Summary(HtmlPage page, CheckInFormContext context)
    {
        var language = page.Language;
        page.Raw("<dl class=\"meta\">")
            .Element("dt", FormText.Get("field.village", language)).Element("dd", $"{context.Township} · {context.VillageName}")
            .Element("dt", FormText.Get("field.secretary", language)).Element("dd", context.SecretaryName)
            .Element("dt", FormText.Get("field.period", language)).Element("dd", context.Period)
            .Raw("</dl>");
    }

    private static ContentHttpResult Message(NoticeLanguage language, string titleKey, string bodyKey, int status, HttpContext? http)
    {
        var page = new HtmlPage(language, FormText.Get(titleKey, language));
        page.Raw(status < 400 ? "<div class=\"card ok\">" : "<div class=\"card\">").Element("p", FormText.Get(bodyKey, language)).Raw("</div>");
        return Html(page.Render(http is null ? null : OtherLanguageUrl(http, language)), status);
    }

    private static string OtherLanguageUrl(HttpContext http, NoticeLanguage language) =>
        $"{http.Request.Path}?lang={(language == NoticeLanguage.En ? "zh" : "en")}";

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static ContentHttpResult Html(string html, int status) => TypedResults.Content(html, HtmlType, statusCode: status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in {CheckInId} of assignment {AssignmentId} answered through the form")]
    private static partial void LogCheckInSubmitted(ILogger logger, string assignmentId, string checkInId);
}
