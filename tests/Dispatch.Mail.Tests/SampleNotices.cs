using Dispatch.Mail.Links;

namespace Dispatch.Mail.Tests;

/// <summary>A sample assignment (红光村, 台盘乡) with a notice of every kind.</summary>
internal static class SampleNotices
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    public static Notice For(NoticeKind kind, NoticeLanguage language)
    {
        var model = new NoticeModel()
            .Text(NoticeModelKeys.VillageName, "红光村")
            .Text(NoticeModelKeys.Township, "台盘乡")
            .Text(NoticeModelKeys.RoundName, "2026年第一批")
            .Text(NoticeModelKeys.SecretaryName, "潘光强")
            .Text(NoticeModelKeys.UnitName, "县农业农村局")
            .Text(NoticeModelKeys.CandidateName, "潘光强")
            .Text(NoticeModelKeys.CandidateUnit, "县农业农村局")
            .Number(NoticeModelKeys.CandidateScore, 87.5m)
            .Text(NoticeModelKeys.CandidateReasons, "农业技术专长与村需求匹配\n有5年农村工作经历")
            .Date(NoticeModelKeys.TermStart, new DateOnly(2026, 4, 1))
            .Date(NoticeModelKeys.TermEnd, new DateOnly(2028, 3, 31))
            .Date(NoticeModelKeys.NewTermEnd, new DateOnly(2030, 3, 31))
            .Date(NoticeModelKeys.DueDate, new DateOnly(2026, 3, 8))
            .Month(NoticeModelKeys.Month, 2026, 3)
            .Integer(NoticeModelKeys.DaysWaiting, 7)
            .DateTime(NoticeModelKeys.MeetingStart, new DateTimeOffset(2026, 4, 10, 9, 30, 0, TimeSpan.FromHours(8)))
            .Text(NoticeModelKeys.MeetingLocation, "红光村村委会会议室")
            .Text(NoticeModelKeys.OutgoingSecretaryName, "李根")
            .Text(NoticeModelKeys.IncomingSecretaryName, "潘光强")
            .Code(NoticeModelKeys.ReviewKind, "annual")
            .Code(NoticeModelKeys.ReviewerRole, "township")
            .Code(NoticeModelKeys.Grade, "EXCELLENT")
            .Number(NoticeModelKeys.Score, 92.3m)
            .Text(NoticeModelKeys.Reason, "工作调整")
            .Date(NoticeModelKeys.EffectiveDate, new DateOnly(2026, 9, 1))
            .Text(NoticeModelKeys.SuccessorName, "王芳")
            .Integer(NoticeModelKeys.DaysInVillage, 15)
            .Integer(NoticeModelKeys.MinimumDays, 20)
            .Text(NoticeModelKeys.Problems, "驻村天数\n请假天数")
            .Text(NoticeModelKeys.FailedRecipient, "li.gen@example.com")
            .Text(NoticeModelKeys.FailedSubject, "月度报告：红光村 2026年3月")
            .Build();
        var expires = Now.AddDays(30);
        return new Notice
        {
            Kind = kind,
            AssignmentId = "r2026-hongguang",
            Period = "2026-03",
            Language = language,
            To = [new NoticeRecipient("潘光强", "pan.guangqiang@example.com", RecipientRole.Secretary)],
            Cc = kind == NoticeKind.MissedMonthNotice ? [new NoticeRecipient("台盘乡党委", "taipan@example.com", RecipientRole.Township)] : [],
            Model = model,
            Links =
            [
                new NoticeLink(NoticeLinkNames.Form, LinkPurposes.CheckIn, "ci-r2026-hongguang-2026-03", expires),
                new NoticeLink(NoticeLinkNames.Respond, LinkPurposes.Handover, "ho-r2026-hongguang", expires),
                new NoticeLink(NoticeLinkNames.Decide, LinkPurposes.Selection, "r2026-hongguang", expires),
                new NoticeLink(NoticeLinkNames.View, LinkPurposes.Assignment, "r2026-hongguang", expires),
            ],
            CalendarEvent = kind is NoticeKind.HandoverInvitation or NoticeKind.OrientationInvitation or NoticeKind.MeetingCancellation
                ? new CalendarEvent("handover-r2026-hongguang@dispatch", kind == NoticeKind.MeetingCancellation ? 2 : 0, new DateTimeOffset(2026, 4, 10, 9, 30, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2026, 4, 10, 11, 30, 0, TimeSpan.FromHours(8)), "红光村村委会会议室", kind == NoticeKind.MeetingCancellation)
                {
                    Attendees = [new NoticeRecipient("李根", "li.gen@example.com", RecipientRole.OutgoingSecretary)],
                }
                : null,
            ReplySubjectId = kind is NoticeKind.CheckInRequest or NoticeKind.CheckInReminder ? "ci-r2026-hongguang-2026-03" : null,
        };
    }
}
