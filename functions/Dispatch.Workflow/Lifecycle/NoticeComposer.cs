using System.Collections.Concurrent;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Mail.Templates;
using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Policy;
using Dispatch.Workflow.Storage;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>
/// Composes the notices of one request: who gets it (policy addresses, the unit's contact), the model
/// values every template of the kind needs, and one link per person. Checked against the template's
/// required keys before anything is sent, so a composition mistake fails loudly in tests.
/// </summary>
internal sealed class NoticeComposer(WorkflowPolicy policy, WorkflowRepository repository)
{
    // The templates are fixed at build time; their key lists are computed once per kind, not per notice.
    private static readonly ConcurrentDictionary<NoticeKind, string[]> RequiredKeys = new();

    public async Task<IReadOnlyList<Notice>> ComposeAsync(NoticeRequest request, CancellationToken cancellationToken = default)
    {
        var c = request.Context;
        var hr = new NoticeRecipient("组织部", policy.HrEmail, RecipientRole.Hr);
        var manager = new NoticeRecipient("组织部负责人", policy.ManagerEmail, RecipientRole.Manager);
        var township = new NoticeRecipient(SafeName(c.Township, "乡镇") + "党委", policy.TownshipEmail(c.Township), RecipientRole.Township);
        var townshipManager = new NoticeRecipient(SafeName(c.Township, "乡镇") + "负责人", policy.TownshipManagerEmail(c.Township), RecipientRole.Manager);
        var secretary = c.CadreEmail is null ? null : new NoticeRecipient(SafeName(c.CadreName, c.CadreId!), c.CadreEmail, RecipientRole.Secretary);
        var outgoing = c.OutgoingCadreEmail is null ? null : new NoticeRecipient(SafeName(c.OutgoingCadreName, c.OutgoingCadreId!), c.OutgoingCadreEmail, RecipientRole.OutgoingSecretary);
        // Only notices addressed to the unit read it (for its current contact); the others name it as
        // selection captured it, which saves a storage read on nearly every notice of a term.
        var needsUnit = request.Kind is NoticeKind.UnitNotice or NoticeKind.Recall or NoticeKind.Extension or NoticeKind.Rotation
            || request.Participants.Contains(ReviewScorer.Unit);
        var unit = needsUnit ? await UnitAsync(c, cancellationToken) : (Recipient: null, Name: SafeName(c.UnitName ?? c.UnitId, "派出单位"));
        var view = new NoticeLink(NoticeLinkNames.View, LinkPurposes.Assignment, c.AssignmentId, request.LinkExpiresAt);
        var notices = new List<Notice>();
        void Add(NoticeRecipient? to, IReadOnlyList<NoticeRecipient>? cc = null, NoticeLink? link = null, IReadOnlyDictionary<string, string>? extra = null, string? replyTo = null, CalendarEvent? meeting = null)
        {
            if (to is null)
            {
                throw new InvalidOperationException($"Notice {request.Kind} for {c.AssignmentId} has no recipient: the assignment lacks the address it needs.");
            }

            var model = Model(request, unit.Name);
            foreach (var (k, v) in extra ?? new Dictionary<string, string>())
            {
                model[k] = v;
            }

            notices.Add(new Notice
            {
                Kind = request.Kind,
                AssignmentId = c.AssignmentId,
                Period = request.Period,
                To = [to],
                Cc = cc ?? [],
                Model = model,
                Links = link is null ? [] : [link],
                ReplySubjectId = replyTo,
                CalendarEvent = meeting,
            });
        }

        NoticeLink Link(string name, string purpose, string subject) => new(name, purpose, subject, request.LinkExpiresAt);
        switch (request.Kind)
        {
            case NoticeKind.SelectionProposal or NoticeKind.SelectionReminder:
                Add(hr, link: Link(NoticeLinkNames.Decide, LinkPurposes.Selection, c.AssignmentId));
                break;
            case NoticeKind.SelectionEscalation:
                Add(manager, [hr], Link(NoticeLinkNames.Decide, LinkPurposes.Selection, c.AssignmentId));
                break;
            case NoticeKind.Appointment:
                Add(secretary, link: view);
                break;
            case NoticeKind.UnitNotice:
                Add(unit.Recipient, link: view);
                break;
            case NoticeKind.TownshipNotice:
                Add(township, link: view);
                break;
            case NoticeKind.HandoverInvitation:
                Add(outgoing, link: Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "outgoing")), meeting: request.Meeting);
                Add(secretary, link: Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "incoming")), meeting: request.Meeting);
                Add(township, link: Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "township")), meeting: request.Meeting);
                break;
            case NoticeKind.OrientationInvitation or NoticeKind.MeetingCancellation:
                if (request.Kind == NoticeKind.MeetingCancellation && outgoing is not null)
                {
                    Add(outgoing, meeting: request.Meeting);
                }

                Add(secretary, link: request.Kind == NoticeKind.MeetingCancellation ? null : Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "incoming")), meeting: request.Meeting);
                Add(township, link: request.Kind == NoticeKind.MeetingCancellation ? null : Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "township")), meeting: request.Meeting);
                break;
            case NoticeKind.HandoverReminder:
                if (request.Outgoing != false)
                {
                    Add(outgoing, link: Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "outgoing")));
                }

                if (request.Outgoing != true)
                {
                    Add(secretary, link: Link(NoticeLinkNames.Respond, LinkPurposes.Handover, HandoverSubject(c, "incoming")));
                }

                break;
            case NoticeKind.HandoverEscalation:
                Add(townshipManager, [township], view);
                break;
            case NoticeKind.HandoverListRequest:
                Add(outgoing, link: Link(NoticeLinkNames.Form, LinkPurposes.Handover, HandoverSubject(c, "outgoing")));
                break;
            case NoticeKind.HandoverListReview:
                Add(secretary, link: Link(NoticeLinkNames.Form, LinkPurposes.Handover, HandoverSubject(c, "incoming")));
                break;
            case NoticeKind.HandoverCompleted:
                Add(outgoing, [township], view);
                break;
            case NoticeKind.CheckInRequest or NoticeKind.CheckInReminder or NoticeKind.CheckInReceived:
                Add(secretary, link: Link(NoticeLinkNames.Form, LinkPurposes.CheckIn, request.CheckInId!), replyTo: request.Kind == NoticeKind.CheckInReceived ? null : request.CheckInId);
                break;
            case NoticeKind.CheckInEscalation:
                Add(townshipManager, [township], view);
                break;
            case NoticeKind.MissedMonthNotice:
                Add(secretary, [township], view);
                break;
            case NoticeKind.LowAttendanceNotice:
                Add(township, link: view);
                break;
            case NoticeKind.ReviewRequestToSecretary or NoticeKind.ReviewRequestToReviewer or NoticeKind.ReviewReminder:
                foreach (var participant in request.Participants)
                {
                    var form = Link(NoticeLinkNames.Form, LinkPurposes.Review, ReviewRecord.TaskIdFor(request.ReviewId!, participant));
                    var to = participant switch
                    {
                        ReviewScorer.Self => secretary,
                        ReviewScorer.OrgDepartment => new NoticeRecipient("组织部", policy.OrgDepartmentEmail, RecipientRole.Reviewer),
                        ReviewScorer.Township => township with { Role = RecipientRole.Reviewer },
                        ReviewScorer.Unit => unit.Recipient! with { Role = RecipientRole.Reviewer },
                        _ => township with { Name = SafeName(c.Township, "乡镇") + "村民评议", Role = RecipientRole.Reviewer },
                    };
                    var role = new Dictionary<string, string> { [NoticeModelKeys.ReviewerRole] = RoleCode(participant) };
                    var kind = request.Kind == NoticeKind.ReviewReminder ? NoticeKind.ReviewReminder
                        : participant == ReviewScorer.Self ? NoticeKind.ReviewRequestToSecretary : NoticeKind.ReviewRequestToReviewer;
                    notices.Add(new Notice
                    {
                        Kind = kind,
                        AssignmentId = c.AssignmentId,
                        Period = request.Period + "/" + RoleCode(participant),
                        To = [to!],
                        Model = Merge(Model(request, unit.Name), role),
                        Links = [form],
                    });
                }

                break;
            case NoticeKind.ReviewResult:
                Add(secretary, [hr], view);
                break;
            case NoticeKind.TermDecisionRequest:
                // The decision request doubles as its own reminder ("/r") and, copied to the manager, escalation ("/e").
                Add(hr, request.Period.EndsWith("/e", StringComparison.Ordinal) ? [manager] : null, Link(NoticeLinkNames.Decide, LinkPurposes.Decision, c.AssignmentId));
                break;
            case NoticeKind.Recall or NoticeKind.Extension or NoticeKind.Rotation:
                Add(secretary, [unit.Recipient!, township], view);
                break;
            default:
                throw new ArgumentException($"The workflow does not compose {request.Kind} notices.", nameof(request));
        }

        foreach (var notice in notices)
        {
            var missing = RequiredKeys.GetOrAdd(notice.Kind, kind => [.. NoticeTemplates.RequiredKeys(kind)]).Where(k => !notice.Model.ContainsKey(k)).ToList();
            if (missing.Count > 0)
            {
                throw new ArgumentException($"Notice {notice.Kind} for {c.AssignmentId} lacks model values: {string.Join(", ", missing)}.", nameof(request));
            }

            notice.Validate();
        }

        return notices;
    }

    public static string HandoverSubject(AssignmentContext context, string party) => $"{context.AssignmentId}|{party}";

    private static string RoleCode(ReviewScorer scorer) => scorer switch
    {
        ReviewScorer.Self => "self",
        ReviewScorer.OrgDepartment => "orgDepartment",
        ReviewScorer.Township => "township",
        ReviewScorer.Unit => "unit",
        _ => "villagers",
    };

    private static Dictionary<string, string> Merge(Dictionary<string, string> model, Dictionary<string, string> extra)
    {
        foreach (var (k, v) in extra)
        {
            model[k] = v;
        }

        return model;
    }

    private static string SafeName(string? name, string fallback)
    {
        var text = string.IsNullOrWhiteSpace(name) ? fallback : name;
        return new string(text.Where(ch => ch is not (';' or ',' or '\r' or '\n')).ToArray());
    }

    private async Task<(NoticeRecipient? Recipient, string Name)> UnitAsync(AssignmentContext c, CancellationToken cancellationToken)
    {
        var unit = c.UnitId is null ? null : await repository.GetUnitAsync(c.UnitId, cancellationToken);
        var name = SafeName(unit?.Name ?? c.UnitName ?? c.UnitId, "派出单位");
        return (new NoticeRecipient(name, unit?.ContactEmail ?? policy.DefaultUnitEmail, RecipientRole.DispatchingUnit), name);
    }

    private static Dictionary<string, string> Model(NoticeRequest request, string unitName)
    {
        var c = request.Context;
        var model = new NoticeModel()
            .Text(NoticeModelKeys.VillageName, c.VillageName)
            .Text(NoticeModelKeys.Township, c.Township)
            .Text(NoticeModelKeys.RoundName, c.RoundName)
            .Text(NoticeModelKeys.UnitName, unitName)
            .Text(NoticeModelKeys.SecretaryName, c.CadreName ?? "待定")
            .Text(NoticeModelKeys.IncomingSecretaryName, c.CadreName ?? "待定")
            .Text(NoticeModelKeys.OutgoingSecretaryName, c.OutgoingCadreName ?? "—");
        if (c.TermStart is { } start)
        {
            model.Date(NoticeModelKeys.TermStart, start);
        }

        if (c.TermEnd is { } end)
        {
            model.Date(NoticeModelKeys.TermEnd, end);
        }

        var values = new Dictionary<string, string>(model.Build(), StringComparer.Ordinal);
        foreach (var (k, v) in request.Values)
        {
            values[k] = v;
        }

        return values;
    }
}
