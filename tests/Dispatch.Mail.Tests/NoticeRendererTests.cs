using Dispatch.Mail.Links;
using Dispatch.Mail.Templates;
using Dispatch.Testing;

namespace Dispatch.Mail.Tests;

public sealed class NoticeRendererTests
{
    private readonly FakeTimeProvider _clock = new(SampleNotices.Now);

    public static TheoryData<NoticeKind, NoticeLanguage> EveryKindAndLanguage()
    {
        var data = new TheoryData<NoticeKind, NoticeLanguage>();
        foreach (var kind in Enum.GetValues<NoticeKind>())
        {
            data.Add(kind, NoticeLanguage.ZhCn);
            data.Add(kind, NoticeLanguage.En);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindAndLanguage))]
    public void Render_EveryKind_ProducesSubjectTextHtmlAndValidLinks(NoticeKind kind, NoticeLanguage language)
    {
        var renderer = TestMail.Renderer(_clock);
        var notice = SampleNotices.For(kind, language);

        var rendered = renderer.Render(notice);

        rendered.Subject.ShouldNotBeNullOrWhiteSpace();
        rendered.Subject.ShouldNotContain("{");
        rendered.Text.ShouldContain("潘光强");
        rendered.Text.ShouldNotContain("{");
        rendered.Html.ShouldStartWith("<!DOCTYPE html>");
        rendered.Html.ShouldContain(language == NoticeLanguage.ZhCn ? "lang=\"zh-CN\"" : "lang=\"en\"");
        rendered.Html.ShouldNotContain("{");
        rendered.Html.ShouldContain("<table role=\"presentation\"");
        var tokens = TestKeys.Tokens(_clock);
        foreach (var (name, url) in rendered.Links)
        {
            url.ShouldStartWith("https://dispatch.example.com/");
            var purpose = url.Split('/')[3];
            tokens.Validate(url.Split('/')[4], purpose).IsValid.ShouldBeTrue(name);
            rendered.Text.ShouldContain(url);
            rendered.Html.ShouldContain(url);
        }

        NoticeTemplates.RequiredLinks(kind).Count.ShouldBe(rendered.Links.Count);
        if (language == NoticeLanguage.ZhCn)
        {
            rendered.Text.ShouldContain("您好");
        }
        else
        {
            rendered.Text.ShouldNotContain("您好");
        }
    }

    [Fact]
    public void Render_MissingModelValue_ThrowsListingIt()
    {
        var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn);
        var model = notice.Model.Where(p => p.Key != NoticeModelKeys.DueDate).ToDictionary();

        var ex = Should.Throw<NoticeRenderException>(() => TestMail.Renderer(_clock).Render(notice with { Model = model }));

        ex.Problems.ShouldBe(["missing model value 'dueDate'"]);
    }

    [Fact]
    public void Render_BadDate_ThrowsNamingFormat()
    {
        var notice = SampleNotices.For(NoticeKind.Appointment, NoticeLanguage.En);
        var model = notice.Model.ToDictionary();
        model[NoticeModelKeys.TermStart] = "next spring";

        Should.Throw<NoticeRenderException>(() => TestMail.Renderer(_clock).Render(notice with { Model = model }))
            .Problems.ShouldContain("model value 'termStart' = 'next spring' is not a valid date");
    }

    [Fact]
    public void Render_MissingLink_Throws()
    {
        var notice = SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn) with { Links = [] };

        Should.Throw<NoticeRenderException>(() => TestMail.Renderer(_clock).Render(notice)).Problems.ShouldContain("missing link 'form'");
    }

    [Fact]
    public void Render_CheckInRequest_FormatsChineseAndSetsReplyAddress()
    {
        var rendered = TestMail.Renderer(_clock).Render(SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn));

        rendered.Subject.ShouldStartWith("月度报告：红光村 2026年3月 [#");
        rendered.Text.ShouldContain("请于此日前填写：2026年3月8日");
        rendered.Text.ShouldContain("驻村天数: \n");
        rendered.ReplyTo!.ShouldStartWith("checkin+");
        rendered.ReplyTo.ShouldEndWith("@reply.dispatch.example.com");
        var token = rendered.ReplyTo["checkin+".Length..rendered.ReplyTo.IndexOf('@')];
        TestKeys.Tokens(_clock).ValidateReplyToken(token).ShouldBe(SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn).NoticeId);
        rendered.Subject.ShouldContain(token);
    }

    [Fact]
    public void Render_HostileValue_IsEscapedInHtml()
    {
        var notice = SampleNotices.For(NoticeKind.Recall, NoticeLanguage.En);
        var model = notice.Model.ToDictionary();
        model[NoticeModelKeys.Reason] = "<script>alert('x')</script> & more";

        var rendered = TestMail.Renderer(_clock).Render(notice with { Model = model });

        rendered.Html.ShouldNotContain("<script>");
        rendered.Html.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        rendered.Text.ShouldContain("<script>alert('x')</script> & more");
    }

    [Fact]
    public void Render_ReviewResult_TranslatesCodes()
    {
        var zh = TestMail.Renderer(_clock).Render(SampleNotices.For(NoticeKind.ReviewResult, NoticeLanguage.ZhCn));
        var en = TestMail.Renderer(_clock).Render(SampleNotices.For(NoticeKind.ReviewResult, NoticeLanguage.En));

        zh.Text.ShouldContain("年度考核结果为：优秀（综合得分92.3）");
        en.Text.ShouldContain("annual review of 潘光强, first secretary of 红光村, is complete: Excellent (weighted score 92.3)");
    }

    [Fact]
    public void RequiredKeys_CheckInRequest_ListsTemplateKeys() =>
        NoticeTemplates.RequiredKeys(NoticeKind.CheckInRequest).ShouldBe([NoticeModelKeys.DueDate, NoticeModelKeys.Month, NoticeModelKeys.VillageName]);

    [Fact]
    public void Render_Invitation_AttachesIcs()
    {
        var rendered = TestMail.Renderer(_clock).Render(SampleNotices.For(NoticeKind.HandoverInvitation, NoticeLanguage.ZhCn));

        rendered.Attachments.Count.ShouldBe(1);
        rendered.Attachments[0].FileName.ShouldBe("invite.ics");
        rendered.Attachments[0].ContentType.ShouldBe("text/calendar; charset=UTF-8; method=REQUEST");
        rendered.Links.Keys.ShouldBe([NoticeLinkNames.Respond]);
        rendered.Links[NoticeLinkNames.Respond].ShouldStartWith("https://dispatch.example.com/" + LinkPurposes.Handover + "/");
    }
}
