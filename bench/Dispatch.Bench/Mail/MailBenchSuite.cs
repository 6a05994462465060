using System.Diagnostics;
using Dispatch.Mail;
using Dispatch.Mail.Links;
using Dispatch.Mail.State;
using Dispatch.Mail.Templates;
using Dispatch.Mail.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Bench.Mail;

/// <summary>The <c>mail</c> suite: rendering rate, outbox write rate, inbound parser field accuracy.</summary>
public sealed class MailBenchSuite : IBenchSuite
{
    /// <inheritdoc />
    public string Name => "mail";

    /// <inheritdoc />
    public string Description => "notice rendering/s, outbox writes/s, inbound reply parser field accuracy";

    /// <inheritdoc />
    public async Task RunAsync(BenchReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var clock = TimeProvider.System;
        var outbox = Path.Combine(Path.GetTempPath(), "dispatch-bench-outbox-" + Environment.ProcessId);
        var options = Options.Create(new MailOptions
        {
            PublicBaseUrl = "https://dispatch.example.com",
            ReplyDomain = "reply.dispatch.example.com",
            OutboxDirectory = outbox,
        });
        var tokens = new LinkTokenService(Options.Create(new LinkTokenOptions { SigningKey = "bench-signing-key-0123456789abcdef0123456789" }), clock);
        var renderer = new NoticeRenderer(options, tokens, clock);
        var kinds = Enum.GetValues<NoticeKind>();

        // Rendering: every kind in both languages, round robin.
        for (var i = 0; i < 2_000; i++)
        {
            renderer.Render(Sample(kinds[i % kinds.Length], i % 2 == 0 ? NoticeLanguage.ZhCn : NoticeLanguage.En, i));
        }

        const int RenderCount = 40_000;
        var notices = Enumerable.Range(0, RenderCount).Select(i => Sample(kinds[i % kinds.Length], i % 2 == 0 ? NoticeLanguage.ZhCn : NoticeLanguage.En, i)).ToArray();
        var cpu = CpuTime();
        var sw = Stopwatch.StartNew();
        long bytes = 0;
        foreach (var n in notices)
        {
            var r = renderer.Render(n);
            bytes += r.Html.Length + r.Text.Length;
        }

        sw.Stop();
        report.Figure("mail.render_notices_per_s", RenderCount / sw.Elapsed.TotalSeconds, "notices/s");
        report.Figure("mail.render_notices_per_cpu_s", RenderCount / (CpuTime() - cpu).TotalSeconds, "notices/cpu-s");
        BenchReport.Note($"rendered {RenderCount} notices ({bytes / RenderCount} chars each) in {sw.Elapsed.TotalMilliseconds:0} ms");

        try
        {
            // Outbox: the whole send path (render, claim state, write .eml, append index), one notice per write.
            var index = new OutboxIndex(options);
            var transport = new OutboxTransport(index, clock);
            var sender = new NoticeSender(renderer, transport, new InMemoryNoticeStateStore(), options, clock, NullLogger<NoticeSender>.Instance);
            for (var i = 0; i < 200; i++)
            {
                await sender.SendAsync(Sample(kinds[i % kinds.Length], NoticeLanguage.ZhCn, 1_000_000 + i), cancellationToken).ConfigureAwait(false);
            }

            const int WriteCount = 3_000;
            var toSend = Enumerable.Range(0, WriteCount).Select(i => Sample(kinds[i % kinds.Length], i % 2 == 0 ? NoticeLanguage.ZhCn : NoticeLanguage.En, 2_000_000 + i)).ToArray();
            cpu = CpuTime();
            sw.Restart();
            foreach (var n in toSend)
            {
                await sender.SendAsync(n, cancellationToken).ConfigureAwait(false);
            }

            sw.Stop();
            report.Figure("mail.outbox_writes_per_s", WriteCount / sw.Elapsed.TotalSeconds, "writes/s");
            report.Figure("mail.outbox_writes_per_cpu_s", WriteCount / (CpuTime() - cpu).TotalSeconds, "writes/cpu-s");
            var files = Directory.GetFiles(outbox, "*.eml").Length;
            BenchReport.Note($"wrote {WriteCount} notices to the outbox in {sw.Elapsed.TotalMilliseconds:0} ms ({files} .eml files in all)");
        }
        finally
        {
            Directory.Delete(outbox, recursive: true);
        }

        // Inbound: the reply corpus in raw and parsed modes.
        var cases = InboundCorpus.Load();
        sw.Restart();
        var corpus = await InboundCorpus.RunAsync(cases, cancellationToken).ConfigureAwait(false);
        sw.Stop();
        report.Figure("mail.inbound_field_accuracy", corpus.Accuracy * 100, "percent");
        report.Figure("mail.inbound_posts_per_s", corpus.Outcomes.Count / sw.Elapsed.TotalSeconds, "posts/s");
        BenchReport.Note($"inbound corpus: {cases.Count} replies, {corpus.Outcomes.Count} posts, {corpus.Correct}/{corpus.Fields} fields right, {corpus.Outcomes.Count(o => !o.StatusOk)} wrong outcomes");
    }

    /// <summary>CPU time of this process: on a shared machine, wall-clock rates also measure the neighbours.</summary>
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static Notice Sample(NoticeKind kind, NoticeLanguage language, int n)
    {
        var now = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var model = new NoticeModel()
            .Text(NoticeModelKeys.VillageName, "红光村").Text(NoticeModelKeys.Township, "台盘乡").Text(NoticeModelKeys.RoundName, "2026年第一批")
            .Text(NoticeModelKeys.SecretaryName, "潘光强").Text(NoticeModelKeys.UnitName, "县农业农村局").Text(NoticeModelKeys.CandidateName, "潘光强")
            .Text(NoticeModelKeys.CandidateUnit, "县农业农村局").Number(NoticeModelKeys.CandidateScore, 87.5m).Text(NoticeModelKeys.CandidateReasons, "技能匹配\n农村经历5年")
            .Date(NoticeModelKeys.TermStart, new DateOnly(2026, 4, 1)).Date(NoticeModelKeys.TermEnd, new DateOnly(2028, 3, 31)).Date(NoticeModelKeys.NewTermEnd, new DateOnly(2030, 3, 31))
            .Date(NoticeModelKeys.DueDate, new DateOnly(2026, 3, 8)).Month(NoticeModelKeys.Month, 2026, 3).Integer(NoticeModelKeys.DaysWaiting, 7)
            .DateTime(NoticeModelKeys.MeetingStart, now.AddDays(40)).Text(NoticeModelKeys.MeetingLocation, "村委会会议室")
            .Text(NoticeModelKeys.OutgoingSecretaryName, "李根").Text(NoticeModelKeys.IncomingSecretaryName, "潘光强")
            .Code(NoticeModelKeys.ReviewKind, "annual").Code(NoticeModelKeys.ReviewerRole, "township").Code(NoticeModelKeys.Grade, "COMPETENT").Number(NoticeModelKeys.Score, 85m)
            .Text(NoticeModelKeys.Reason, "工作调整").Date(NoticeModelKeys.EffectiveDate, new DateOnly(2026, 9, 1)).Text(NoticeModelKeys.SuccessorName, "王芳")
            .Integer(NoticeModelKeys.DaysInVillage, 15).Integer(NoticeModelKeys.MinimumDays, 20).Text(NoticeModelKeys.Problems, "驻村天数")
            .Text(NoticeModelKeys.FailedRecipient, "li@example.com").Text(NoticeModelKeys.FailedSubject, "月度报告")
            .Build();
        var expires = now.AddDays(30);
        var id = "a" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Notice
        {
            Kind = kind,
            AssignmentId = id,
            Period = "2026-03",
            Language = language,
            To = [new NoticeRecipient("潘光强", "pan" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + "@example.com", RecipientRole.Secretary)],
            Model = model,
            Links =
            [
                new NoticeLink(NoticeLinkNames.Form, LinkPurposes.CheckIn, "ci-" + id, expires),
                new NoticeLink(NoticeLinkNames.Respond, LinkPurposes.Handover, "ho-" + id, expires),
                new NoticeLink(NoticeLinkNames.Decide, LinkPurposes.Selection, id, expires),
                new NoticeLink(NoticeLinkNames.View, LinkPurposes.Assignment, id, expires),
            ],
            CalendarEvent = kind is NoticeKind.HandoverInvitation or NoticeKind.OrientationInvitation or NoticeKind.MeetingCancellation
                ? new CalendarEvent("meeting-" + id + "@dispatch", 0, now.AddDays(40), now.AddDays(40).AddHours(2), "村委会会议室", kind == NoticeKind.MeetingCancellation)
                : null,
            ReplySubjectId = kind == NoticeKind.CheckInRequest ? "ci-" + id : null,
        };
    }
}
