using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dispatch.Functions.Tests.Infrastructure;
using Dispatch.Mail;

namespace Dispatch.Functions.Tests;

/// <summary>
/// A whole term driven only through HTTP, the way people use the system: HR imports and steers over the API,
/// secretaries and reviewers follow the links in the emails of the outbox, and time moves only through the
/// manual clock, month by month.
/// </summary>
public sealed partial class LifecycleOverHttpTests : IDisposable
{
    private const string First = "r2023.v01";
    private const string Successor = "r2023.v01.2";
    private const string Outgoing = "wangqiang@example.cn";
    private const string Incoming = "liming@example.cn";
    private const string Next = "zhaoli@example.cn";

    private static readonly Dictionary<string, string> Selections = new(StringComparer.Ordinal) { [First] = "c01", [Successor] = "c02" };
    private static readonly HashSet<string> MissedPeriods = new(StringComparer.Ordinal) { "2023-09", "2023-11" };

    private readonly DispatchAppFactory _factory = new(new Dictionary<string, string?> { ["Dispatch:Mail:Mode"] = "Outbox" });
    private readonly HttpClient _hr;
    private readonly HttpClient _manager;
    private readonly HttpClient _admin;
    private readonly HttpClient _browser;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lateLinks = new(StringComparer.Ordinal);
    private readonly List<string> _log = [];
    private bool _rescheduled;
    private bool _returned;
    private bool _decided;
    private int _checkInsAnswered;

    public LifecycleOverHttpTests()
    {
        _hr = _factory.CreateClient(DispatchAppFactory.HrKey);
        _manager = _factory.CreateClient(DispatchAppFactory.ManagerKey);
        _admin = _factory.CreateClient(DispatchAppFactory.AdminKey);
        _browser = _factory.CreateClient();
    }

    [Fact]
    public async Task WholeTerm_LinksInEmailsAndManualClock_RotatesWithSuccessorAndManagerSeesIt()
    {
        await ImportAsync();
        using (var start = await _hr.PostAsJsonAsync("/api/assignments", new { roundId = "r2023", villageId = "v01" }))
        {
            start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        }

        // Selection, appointment and the handover from the sitting secretary (one reschedule, one list sent back).
        await ReactAsync();
        (await DetailsAsync(First)).GetProperty("assignment").GetProperty("stage").GetString().ShouldBe("handover");
        await AdvanceToAsync(new DateTimeOffset(2023, 7, 5, 8, 0, 0, TimeSpan.Zero));
        var handover = (await DetailsAsync(First)).GetProperty("handover");
        handover.GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String, string.Join('\n', _log));
        handover.GetProperty("sequence").GetInt32().ShouldBe(1);
        handover.GetProperty("list").GetProperty("monitoredHouseholds").EnumerateArray().Select(e => e.GetString()).ShouldBe(["张家（脱贫不稳定户）"]);

        // Twenty-four months: the check-in request goes out at 09:00 Beijing time on the 1st.
        for (var month = 1; month <= 24; month++)
        {
            await AdvanceToAsync(DispatchAppFactory.ClockStart.AddMonths(month).AddHours(1));
        }

        // The rotation's successor is selected and handed over within the first week of the new term.
        await AdvanceToAsync(DispatchAppFactory.ClockStart.AddMonths(24).AddDays(6));

        var first = await DetailsAsync(First);
        var assignment = first.GetProperty("assignment");
        assignment.GetProperty("stage").GetString().ShouldBe("completed", string.Join('\n', _log));
        assignment.GetProperty("outcome").GetString().ShouldBe("rotated");
        assignment.GetProperty("cadreId").GetString().ShouldBe("c01");
        assignment.GetProperty("followedByAssignmentId").GetString().ShouldBe(Successor);
        first.GetProperty("runtimeStatus").GetString().ShouldBe("Completed", StringCompareShould.IgnoreCase);
        var checkIns = first.GetProperty("checkIns").EnumerateArray().ToDictionary(c => c.GetProperty("period").GetString()!, c => c.GetProperty("status").GetString());
        checkIns.Count.ShouldBe(24);
        checkIns["2023-07"].ShouldBe("answered");
        checkIns["2023-09"].ShouldBe("missed");
        checkIns["2023-11"].ShouldBe("answeredLate");
        checkIns["2025-06"].ShouldBe("answered");
        checkIns.Values.Count(s => s == "answered").ShouldBe(22);
        _checkInsAnswered.ShouldBe(23);
        var reviews = first.GetProperty("reviews").EnumerateArray().ToList();
        reviews.Count.ShouldBe(2);
        reviews[0].GetProperty("kind").GetString().ShouldBe("annual");
        reviews[0].GetProperty("attendanceFailures").GetInt32().ShouldBe(2);
        reviews[0].GetProperty("weightedScore").GetDecimal().ShouldBe(91.4m);
        reviews[0].GetProperty("grade").GetString().ShouldBe("BASICALLY_COMPETENT");
        reviews[0].GetProperty("forms").GetProperty("self").GetProperty("text").GetString()!.ShouldStartWith("本考核期共 12 个月，提交月度报告 11 次。累计驻村 220 天");
        reviews[1].GetProperty("kind").GetString().ShouldBe("termEnd");
        reviews[1].GetProperty("grade").GetString().ShouldBe("EXCELLENT");

        var successor = await DetailsAsync(Successor);
        successor.GetProperty("assignment").GetProperty("cadreId").GetString().ShouldBe("c02");
        successor.GetProperty("assignment").GetProperty("stage").GetString().ShouldBe("term");
        successor.GetProperty("assignment").GetProperty("outgoingCadreId").GetString().ShouldBe("c01");
        successor.GetProperty("handover").GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var summary = await _manager.GetFromJsonAsync<JsonElement>("/api/rounds/r2023/summary");
        summary.GetProperty("byOutcome").GetProperty("rotated").GetInt32().ShouldBe(1);
        summary.GetProperty("missedCheckIns").GetInt32().ShouldBe(2);
    }

    public void Dispose()
    {
        _hr.Dispose();
        _manager.Dispose();
        _admin.Dispose();
        _browser.Dispose();
        _factory.Dispose();
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static string Link(JsonElement mail, string page) =>
        mail.GetProperty("links").EnumerateObject().Select(l => new Uri(l.Value.GetString()!).PathAndQuery)
            .Single(p => p.StartsWith("/" + page + "/", StringComparison.Ordinal));

    private static bool Is(JsonElement mail, NoticeKind kind) => string.Equals(mail.GetProperty("kind").GetString(), kind.ToString(), StringComparison.OrdinalIgnoreCase);

    private static bool To(JsonElement mail, string email) => mail.GetProperty("to").EnumerateArray().Any(t => string.Equals(t.GetString(), email, StringComparison.OrdinalIgnoreCase));

    private static string? Textarea(string html, string field)
    {
        var match = Regex.Match(html, $"<textarea id=\"{Regex.Escape(field)}\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    private async Task ImportAsync()
    {
        using var round = await _hr.PostAsync("/api/rounds", Json("""{"id":"r2023","name":"2023年第一书记轮换","region":"蓬江区","startsOn":"2023-07-01","termMonths":24}"""));
        round.StatusCode.ShouldBe(HttpStatusCode.OK, await round.Content.ReadAsStringAsync());
        using var cadres = await _hr.PostAsync("/api/cadres", new StringContent(
            "id,name,email,unit,unitLevel,partyMember,birthDate,workStartDate,skills\n" +
            $"c01,李明,{Incoming},u-city-water,city,true,1985-03-02,2008-07-01,roads\n" +
            $"c02,赵丽,{Next},u-city-agri,city,true,1990-05-12,2013-07-01,roads;industry\n" +
            $"c09,王强,{Outgoing},u-county-edu,county,true,1980-01-20,2002-07-01,education\n",
            Encoding.UTF8,
            "text/csv"));
        cadres.StatusCode.ShouldBe(HttpStatusCode.OK, await cadres.Content.ReadAsStringAsync());
        using var villages = await _hr.PostAsync("/api/villages", Json("""[{"id":"v01","name":"荷塘村","township":"荷塘镇","kind":"village","categories":["formerly_poor_village"],"needs":["roads"],"currentSecretaryCadreId":"c09"}]"""));
        villages.StatusCode.ShouldBe(HttpStatusCode.OK, await villages.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> DetailsAsync(string id)
    {
        using var response = await _manager.GetAsync($"/api/assignments/{Uri.EscapeDataString(id)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToString());
        return body;
    }

    private async Task AdvanceToAsync(DateTimeOffset to)
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/clock/advance", new { to });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await ReactAsync();
    }

    // Everyone reads their new mail and does what it asks, until no new mail comes.
    private async Task ReactAsync()
    {
        while (true)
        {
            var outbox = await _admin.GetFromJsonAsync<JsonElement>("/api/admin/outbox");
            var fresh = outbox.EnumerateArray().Where(m => _seen.Add(m.GetProperty("noticeId").GetString()!)).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            foreach (var mail in fresh)
            {
                await ActAsync(mail);
            }
        }
    }

    private async Task ActAsync(JsonElement mail)
    {
        var assignmentId = mail.GetProperty("assignmentId").GetString()!;
        _log.Add($"{mail.GetProperty("kind").GetString()} {assignmentId} → {string.Join(',', mail.GetProperty("to").EnumerateArray())}");
        if (Is(mail, NoticeKind.SelectionProposal))
        {
            using var selection = await _hr.PostAsJsonAsync($"/api/assignments/{assignmentId}/selection", new { cadreId = Selections[assignmentId], note = "同意" });
            selection.StatusCode.ShouldBe(HttpStatusCode.Accepted, await selection.Content.ReadAsStringAsync());
        }
        else if (Is(mail, NoticeKind.HandoverInvitation))
        {
            await MeetingAsync(mail);
        }
        else if (Is(mail, NoticeKind.HandoverListRequest))
        {
            await ListAsync(Link(mail, "handover"));
        }
        else if (Is(mail, NoticeKind.HandoverListReview))
        {
            var page = await OpenAsync(Link(mail, "handover"));
            page.Html.ShouldContain("张家（脱贫不稳定户）");
            var returning = !_returned;
            _returned = true;
            await SubmitAsync(page, returning ? [("decision", "return"), ("missing", "缺少资产清单")] : [("decision", "accept")]);
        }
        else if (Is(mail, NoticeKind.CheckInRequest))
        {
            // The secretary of a missed month never opens the link; the one of 2023-11 answers once told it was missed.
            var link = Link(mail, "checkin");
            var page = await OpenAsync(link);
            if (MissedPeriods.FirstOrDefault(p => page.Html.Contains($"<dd>{p}</dd>", StringComparison.Ordinal)) is { } missed)
            {
                if (missed == "2023-11")
                {
                    _lateLinks["late"] = link;
                }

                return;
            }

            await CheckInAsync(link, late: false);
        }
        else if (Is(mail, NoticeKind.MissedMonthNotice) && _lateLinks.Remove("late", out var lateLink))
        {
            await CheckInAsync(lateLink, late: true);
        }
        else if (Is(mail, NoticeKind.ReviewRequestToSecretary))
        {
            var page = await OpenAsync(Link(mail, "review"));
            var draft = Textarea(page.Html, "text").ShouldNotBeNull();
            draft.ShouldContain("存在的不足和下一步打算");
            await SubmitAsync(page, [("text", draft + "继续推进村道硬化。")]);
        }
        else if (Is(mail, NoticeKind.ReviewRequestToReviewer))
        {
            var page = await OpenAsync(Link(mail, "review"));
            var score = To(mail, "orgdept@dispatch.local") ? "95" : To(mail, "unit@dispatch.local") ? "88" : "90";
            await SubmitAsync(page, [("score", score), ("text", "工作扎实")]);
        }
        else if (Is(mail, NoticeKind.TermDecisionRequest) && assignmentId == First && !_decided)
        {
            _decided = true;
            using var decision = await _hr.PostAsJsonAsync($"/api/assignments/{First}/decision", new { decision = "rotate", note = "任期届满，轮换" });
            decision.StatusCode.ShouldBe(HttpStatusCode.Accepted, await decision.Content.ReadAsStringAsync());
        }
    }

    // The incoming secretary of the first handover asks for another time once; everyone else confirms.
    private async Task MeetingAsync(JsonElement mail)
    {
        var page = await OpenAsync(Link(mail, "handover"));
        page.Html.ShouldContain("name=\"step\" value=\"meeting\"");
        if (To(mail, Incoming) && !_rescheduled)
        {
            _rescheduled = true;
            var done = await SubmitAsync(page, [("response", "reschedule"), ("proposedAt", "2023-07-05 15:00")]);
            done.ShouldContain("改期申请已收到");
            return;
        }

        await SubmitAsync(page, To(mail, Outgoing) || To(mail, Incoming) || To(mail, Next) ? [("response", "accept")] : []);
    }

    private async Task ListAsync(string link)
    {
        var page = await OpenAsync(link);
        page.Html.ShouldContain("name=\"step\" value=\"list\"");
        if (page.Html.Contains("缺少资产清单", StringComparison.Ordinal))
        {
            // Sent back: the page keeps what was handed over before; only the missing part is added.
            Textarea(page.Html, "ledgers").ShouldBe("党建台账\n项目台账\n民情日记");
            await SubmitAsync(page, [("ledgers", "党建台账\n项目台账\n民情日记"), ("monitoredHouseholds", "张家（脱贫不稳定户）"), ("assets", "村委会办公电脑 2 台")]);
            return;
        }

        var wrong = await SubmitAsync(page, [("ledgers", string.Empty)], HttpStatusCode.BadRequest);
        wrong.ShouldContain("清单为空");
        await SubmitAsync(page with { Html = wrong }, [("ledgers", "党建台账\n项目台账\n民情日记"), ("monitoredHouseholds", "张家（脱贫不稳定户）"), ("funds", "衔接资金 35 万元未拨付")]);
    }

    private async Task CheckInAsync(string link, bool late)
    {
        var page = await OpenAsync(link);
        if (late)
        {
            page.Html.ShouldContain("逾期");
        }

        var done = await SubmitAsync(page, [
            (CheckInFields.DaysInVillage, "20"), (CheckInFields.HouseholdsVisited, "15"), (CheckInFields.ProblemsSolved, "2"),
            (CheckInFields.FundsSecuredYuan, "1万"), (CheckInFields.ProjectsAdvanced, "1"), (CheckInFields.Highlights, "修缮村道"),
            (CheckInFields.HelpNeeded, string.Empty), (CheckInFields.LeaveDays, "2")]);
        done.ShouldContain("报告已提交");
        _checkInsAnswered++;
    }

    private async Task<FormPage> OpenAsync(string link)
    {
        using var response = await _browser.GetAsync(link);
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{link}\n{string.Join('\n', _log.TakeLast(8))}\n{html}");
        html.ShouldContain("<form");
        return new FormPage(link, html);
    }

    // Posts the form as a browser would: its hidden fields (anti-forgery token, step) plus the answers.
    private async Task<string> SubmitAsync(FormPage page, (string Name, string Value)[] answers, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var fields = HiddenField().Matches(page.Html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        foreach (var (name, value) in answers)
        {
            fields[name] = value;
        }

        using var response = await _browser.PostAsync(page.Link, new FormUrlEncodedContent(fields));
        var html = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, html);
        return html;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();

    private sealed record FormPage(string Link, string Html);
}
