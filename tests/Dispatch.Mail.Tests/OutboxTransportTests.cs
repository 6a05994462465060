using System.Text;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.Transport;
using Dispatch.Testing;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class OutboxTransportTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(SampleNotices.Now);
    private readonly MailOptions _options = TestMail.Options();

    public void Dispose()
    {
        if (Directory.Exists(_options.OutboxDirectory))
        {
            Directory.Delete(_options.OutboxDirectory, recursive: true);
        }
    }

    private (OutboxTransport Transport, OutboxIndex Index) Create()
    {
        var index = new OutboxIndex(Options.Create(_options));
        return (new OutboxTransport(index, _clock), index);
    }

    private OutgoingMail Mail(NoticeKind kind, NoticeLanguage language = NoticeLanguage.ZhCn)
    {
        var notice = SampleNotices.For(kind, language);
        return new OutgoingMail(notice.NoticeId, kind, notice.AssignmentId, new NoticeRecipient(_options.FromName, _options.FromEmail, RecipientRole.Hr), notice.To, notice.Cc, TestMail.Renderer(_clock, _options).Render(notice));
    }

    [Fact]
    public async Task DeliverAsync_Invitation_EmlParsesBackWithEveryPart()
    {
        var (transport, index) = Create();
        var mail = Mail(NoticeKind.HandoverInvitation);

        var file = await transport.DeliverAsync(mail);

        file.ShouldBe(mail.NoticeId + ".eml");
        var parsed = MimeParser.Parse(File.ReadAllBytes(index.PathOf(mail.NoticeId)));
        parsed.Header("Subject").ShouldBe(mail.Content.Subject);
        parsed.Header("From").ShouldBe("驻村第一书记管理系统 <noreply@dispatch.example.com>");
        parsed.Header("To").ShouldBe("潘光强 <pan.guangqiang@example.com>");
        parsed.Header("Message-ID").ShouldBe($"<{mail.NoticeId}@dispatch.example.com>");
        parsed.Header("X-Dispatch-Notice-Kind").ShouldBe("HandoverInvitation");
        parsed.Header("MIME-Version").ShouldBe("1.0");
        parsed.MediaType.ShouldBe("multipart/mixed");
        parsed.FirstText("text/plain").ShouldBe(mail.Content.Text);
        parsed.FirstText("text/html").ShouldBe(mail.Content.Html);
        var texts = parsed.Descendants().Where(e => e.Parts.Count == 0 && !e.IsAttachment).Select(e => e.MediaType).ToList();
        texts.IndexOf("text/plain").ShouldBeLessThan(texts.IndexOf("text/html"));
        var ics = parsed.Attachments().ShouldHaveSingleItem();
        ics.FileName.ShouldBe("invite.ics");
        ics.MediaType.ShouldBe("text/calendar");
        ics.Parameters["method"].ShouldBe("REQUEST");
        Encoding.UTF8.GetString(ics.Body).ShouldBe(Encoding.UTF8.GetString(mail.Content.Attachments[0].Content.Span));
        using var raw = File.OpenText(index.PathOf(mail.NoticeId));
        (await raw.ReadToEndAsync()).All(c => c < 128).ShouldBeTrue("an .eml is 7-bit clean");
    }

    [Fact]
    public async Task DeliverAsync_Twice_OneFileAndIndexKeepsLast()
    {
        var (transport, index) = Create();
        var mail = Mail(NoticeKind.CheckInRequest);

        await transport.DeliverAsync(mail);
        await transport.DeliverAsync(mail);
        await transport.DeliverAsync(Mail(NoticeKind.Appointment, NoticeLanguage.En));

        Directory.GetFiles(index.Directory, "*.eml").Length.ShouldBe(2);
        var entries = index.List();
        entries.Count.ShouldBe(2);
        entries[0].Kind.ShouldBe(NoticeKind.CheckInRequest);
        entries[0].Links.Keys.ShouldContain(NoticeLinkNames.Form);
        entries[0].ReplyTo!.ShouldStartWith("checkin+");
        index.List(kind: "appointment").ShouldHaveSingleItem().Subject.ShouldStartWith("Appointment");
        index.List(to: "PAN.guangqiang@example.com").Count.ShouldBe(2);
        index.List(assignmentId: "other").ShouldBeEmpty();
    }
}
