using System.Globalization;
using System.Text;
using System.Text.Json;
using Dispatch.Mail;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.Links;
using Dispatch.Mail.State;
using Dispatch.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dispatch.Bench.Mail;

/// <summary>
/// Runs the reply corpus (tests/Dispatch.Mail.Tests/Corpus: NN-name.eml + NN-name.json) through
/// <see cref="InboundParseHandler"/> as SendGrid would post it, in raw MIME mode and/or parsed-fields mode, and
/// scores field accuracy. Shared by the corpus test and the <c>mail</c> benchmark.
/// </summary>
internal static class InboundCorpus
{
    public const string SecretaryEmail = "pan.guangqiang@example.com";
    public const string ReplyDomain = "reply.dispatch.example.com";
    private const string Boundary = "----SendGridParseBoundary7MA4YWxkTrZu0gW";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static string Folder => Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "Dispatch.Mail.Tests", "Corpus");

    public static IReadOnlyList<CorpusCase> Load()
    {
        var cases = new List<CorpusCase>();
        foreach (var eml in Directory.GetFiles(Folder, "*.eml").Order(StringComparer.Ordinal))
        {
            var expected = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(eml, ".json"))).RootElement.Clone();
            cases.Add(new CorpusCase(Path.GetFileNameWithoutExtension(eml), File.ReadAllBytes(eml), expected));
        }

        return cases;
    }

    public static async Task<CorpusReport> RunAsync(IReadOnlyList<CorpusCase> cases, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<CorpusOutcome>();
        foreach (var c in cases)
        {
            var mode = c.Expected.GetProperty("mode").GetString();
            if (mode is "both" or "raw")
            {
                outcomes.Add(await RunOneAsync(c, raw: true, cancellationToken).ConfigureAwait(false));
            }

            if (mode is "both" or "parsed")
            {
                outcomes.Add(await RunOneAsync(c, raw: false, cancellationToken).ConfigureAwait(false));
            }
        }

        return new CorpusReport(outcomes);
    }

    public static async Task<CorpusOutcome> RunOneAsync(CorpusCase c, bool raw, CancellationToken cancellationToken = default)
    {
        var world = World.Create();
        var eml = c.Eml.AsSpan().IndexOf("{{TOKEN}}"u8) >= 0 ? Replace(c.Eml, "{{TOKEN}}"u8.ToArray(), Encoding.ASCII.GetBytes(world.Token)) : c.Eml;
        var pad = c.Expected.TryGetProperty("padBytes", out var p) ? p.GetInt32() : 0;
        if (pad > 0)
        {
            eml = [.. eml, .. Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string('x', 76) + "\r\n", (pad / 78) + 1)))];
        }

        var envelopeTo = c.Expected.TryGetProperty("envelopeTo", out var et) ? et.GetString()!.Replace("{{TOKEN}}", world.Token, StringComparison.Ordinal) : null;
        var fromOverride = c.Expected.TryGetProperty("fromOverride", out var fo) ? fo.GetString() : null;
        var body = raw ? RawForm(eml, envelopeTo) : ParsedForm(eml, envelopeTo, fromOverride);
        var result = await world.Handler.HandleAsync(body, "multipart/form-data; boundary=" + Boundary, cancellationToken).ConfigureAwait(false);
        var stored = world.Messages.Messages.SingleOrDefault(m => m.Id == result.RawMessageId);
        return Score(c, raw ? "raw" : "parsed", result, stored is not null, world.Acks);
    }

    private static CorpusOutcome Score(CorpusCase c, string mode, InboundResult result, bool stored, IReadOnlyList<Notice> acks)
    {
        var e = c.Expected;
        var detail = new StringBuilder();
        var statusOk = result.Status.ToString() == e.GetProperty("status").GetString()
            && (!e.TryGetProperty("rejection", out var rj) || result.Rejection.ToString() == rj.GetString())
            && stored;
        if (!statusOk)
        {
            detail.Append(CultureInfo.InvariantCulture, $"status {result.Status}/{result.Rejection} stored={stored}; ");
        }

        if (result.Status == InboundStatus.Unreadable && (!result.Acknowledged || acks.Count != 1 || acks[0].To[0].Email != SecretaryEmail))
        {
            statusOk = false;
            detail.Append("unreadable reply not acknowledged to the secretary; ");
        }

        if (result.Status != InboundStatus.Unreadable && acks.Count != 0)
        {
            statusOk = false;
            detail.Append("acknowledged a reply that needed none; ");
        }

        var fields = 0;
        var correct = 0;
        if (e.TryGetProperty("fields", out var expectedFields))
        {
            foreach (var f in expectedFields.EnumerateObject())
            {
                fields++;
                var actual = Actual(result, f.Name);
                var want = f.Value.ValueKind == JsonValueKind.Number ? f.Value.GetDecimal().ToString(CultureInfo.InvariantCulture) : f.Value.GetString();
                if (actual is not null && (actual == want || (decimal.TryParse(actual, CultureInfo.InvariantCulture, out var a) && decimal.TryParse(want, CultureInfo.InvariantCulture, out var w) && a == w)))
                {
                    correct++;
                }
                else
                {
                    detail.Append(CultureInfo.InvariantCulture, $"{f.Name}: want '{want}' got '{actual}'; ");
                }
            }
        }

        if (e.TryGetProperty("unread", out var unread))
        {
            foreach (var f in unread.EnumerateArray())
            {
                fields++;
                if (result.Problems.ContainsKey(f.GetString()!))
                {
                    correct++;
                }
                else
                {
                    detail.Append(CultureInfo.InvariantCulture, $"{f.GetString()}: should be unread; ");
                }
            }
        }

        return new CorpusOutcome(c.Name, mode, statusOk, fields, correct, detail.ToString());
    }

    private static string? Actual(InboundResult result, string field)
    {
        if (result.Answer is { } a)
        {
            return field switch
            {
                CheckInFields.DaysInVillage => a.DaysInVillage.ToString(CultureInfo.InvariantCulture),
                CheckInFields.HouseholdsVisited => a.HouseholdsVisited.ToString(CultureInfo.InvariantCulture),
                CheckInFields.ProblemsSolved => a.ProblemsSolved.ToString(CultureInfo.InvariantCulture),
                CheckInFields.FundsSecuredYuan => a.FundsSecuredYuan.ToString(CultureInfo.InvariantCulture),
                CheckInFields.ProjectsAdvanced => a.ProjectsAdvanced.ToString(CultureInfo.InvariantCulture),
                CheckInFields.Highlights => a.Highlights,
                CheckInFields.HelpNeeded => a.HelpNeeded,
                CheckInFields.LeaveDays => a.LeaveDays.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
        }

        return result.Values.TryGetValue(field, out var v) ? v : null;
    }

    private static byte[] RawForm(byte[] eml, string? envelopeTo)
    {
        var mime = MimeParser.Parse(eml);
        var to = mime.Header("To") ?? string.Empty;
        var from = mime.Header("From") ?? string.Empty;
        var form = new FormBuilder();
        form.Field("to", to);
        form.Field("from", from);
        form.Field("subject", mime.Header("Subject") ?? string.Empty);
        form.Field("envelope", JsonSerializer.Serialize(new { to = new[] { envelopeTo ?? ExtractAddress(to) }, from = ExtractAddress(from) }));
        form.Field("charsets", "{\"to\":\"UTF-8\",\"from\":\"UTF-8\",\"subject\":\"UTF-8\"}");
        form.Field("SPF", "pass");
        form.Field("email", eml);
        return form.Build();
    }

    private static byte[] ParsedForm(byte[] eml, string? envelopeTo, string? fromOverride)
    {
        var mime = MimeParser.Parse(eml);
        var to = mime.Header("To") ?? string.Empty;
        var from = fromOverride ?? mime.Header("From") ?? string.Empty;
        var form = new FormBuilder();
        var charsets = new Dictionary<string, string> { ["to"] = "UTF-8", ["from"] = "UTF-8", ["subject"] = "UTF-8" };
        form.Field("headers", Encoding.ASCII.GetString(eml, 0, Math.Max(0, eml.AsSpan().IndexOf("\r\n\r\n"u8))));
        form.Field("to", to);
        form.Field("from", from);
        form.Field("subject", mime.Header("Subject") ?? string.Empty);
        form.Field("envelope", JsonSerializer.Serialize(new { to = new[] { envelopeTo ?? ExtractAddress(to) }, from = ExtractAddress(from) }));
        foreach (var (field, media) in new[] { ("text", "text/plain"), ("html", "text/html") })
        {
            var part = mime.Descendants().FirstOrDefault(d => d.Parts.Count == 0 && !d.IsAttachment && d.MediaType == media);
            if (part is not null)
            {
                form.Field(field, part.Body);
                charsets[field] = part.Parameters.GetValueOrDefault("charset") ?? "UTF-8";
            }
        }

        var attachments = mime.Attachments().ToList();
        form.Field("attachments", attachments.Count.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < attachments.Count; i++)
        {
            form.File("attachment" + (i + 1).ToString(CultureInfo.InvariantCulture), attachments[i].FileName ?? "file", attachments[i].MediaType, attachments[i].Body);
        }

        form.Field("charsets", JsonSerializer.Serialize(charsets));
        form.Field("SPF", "pass");
        return form.Build();
    }

    private static string ExtractAddress(string header)
    {
        var lt = header.LastIndexOf('<');
        var gt = header.LastIndexOf('>');
        return lt >= 0 && gt > lt ? header[(lt + 1)..gt] : header.Trim();
    }

    private static byte[] Replace(byte[] data, byte[] find, byte[] with)
    {
        var output = new List<byte>(data.Length + 64);
        var i = 0;
        while (i < data.Length)
        {
            var at = data.AsSpan(i).IndexOf(find);
            if (at < 0)
            {
                output.AddRange(data.AsSpan(i).ToArray());
                break;
            }

            output.AddRange(data.AsSpan(i, at).ToArray());
            output.AddRange(with);
            i += at + find.Length;
        }

        return [.. output];
    }

    internal sealed record CorpusCase(string Name, byte[] Eml, JsonElement Expected);

    internal sealed record CorpusOutcome(string Name, string Mode, bool StatusOk, int Fields, int Correct, string Detail);

    internal sealed record CorpusReport(IReadOnlyList<CorpusOutcome> Outcomes)
    {
        public int Fields => Outcomes.Sum(o => o.Fields);

        public int Correct => Outcomes.Sum(o => o.Correct);

        public double Accuracy => Fields == 0 ? 0 : (double)Correct / Fields;
    }

    /// <summary>A check-in request already sent, and a handler wired to find it.</summary>
    internal sealed class World
    {
        private World(InboundParseHandler handler, InMemoryInboundMessageStore messages, List<Notice> acks, string token)
        {
            Handler = handler;
            Messages = messages;
            Acks = acks;
            Token = token;
        }

        public InboundParseHandler Handler { get; }

        public InMemoryInboundMessageStore Messages { get; }

        public List<Notice> Acks { get; }

        public string Token { get; }

        public static World Create()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
            var options = Options.Create(new MailOptions { ReplyDomain = ReplyDomain, MaxInboundBytes = 5 * 1024 * 1024 });
            var tokens = new LinkTokenService(Options.Create(new LinkTokenOptions { SigningKey = "corpus-signing-key-0123456789abcdef0123" }), clock);
            var notice = new Notice
            {
                Kind = NoticeKind.CheckInRequest,
                AssignmentId = "r2026-hongguang",
                Period = "2026-03",
                To = [new NoticeRecipient("潘光强", SecretaryEmail, RecipientRole.Secretary)],
                Model = new NoticeModel().Text(NoticeModelKeys.VillageName, "红光村").Month(NoticeModelKeys.Month, 2026, 3).Date(NoticeModelKeys.DueDate, new DateOnly(2026, 3, 8)).Build(),
                Links = [new NoticeLink(NoticeLinkNames.Form, LinkPurposes.CheckIn, "ci-r2026-hongguang-2026-03", clock.GetUtcNow().AddDays(30))],
                ReplySubjectId = "ci-r2026-hongguang-2026-03",
                ReplyDelegates = ["wang.fang@example.com"],
            };
            var store = new InMemoryNoticeStateStore();
            store.TryAddAsync(new NoticeStateEntry
            {
                NoticeId = notice.NoticeId,
                State = NoticeState.Sent,
                Kind = notice.Kind,
                AssignmentId = notice.AssignmentId,
                Recipient = SecretaryEmail,
                NoticeJson = JsonSerializer.Serialize(notice, Web),
            }).GetAwaiter().GetResult();
            var messages = new InMemoryInboundMessageStore();
            var acks = new List<Notice>();
            var handler = new InboundParseHandler(options, tokens, store, messages, new RecordingSender(acks), clock, NullLogger<InboundParseHandler>.Instance);
            return new World(handler, messages, acks, tokens.IssueReplyToken(notice.NoticeId));
        }
    }

    private sealed class RecordingSender(List<Notice> sent) : INoticeSender
    {
        public Task<NoticeSendResult> SendAsync(Notice notice, CancellationToken cancellationToken = default)
        {
            notice.Validate();
            sent.Add(notice);
            return Task.FromResult(new NoticeSendResult(notice.NoticeId, NoticeSendStatus.Sent, "recorded", null));
        }
    }

    private sealed class FormBuilder
    {
        private readonly MemoryStream _body = new();

        public void Field(string name, string value) => Field(name, Encoding.UTF8.GetBytes(value));

        public void Field(string name, byte[] value)
        {
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
            _body.Write(value);
            Write("\r\n");
        }

        public void File(string name, string fileName, string type, byte[] value)
        {
            Write($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"\r\nContent-Type: {type}\r\n\r\n");
            _body.Write(value);
            Write("\r\n");
        }

        public byte[] Build()
        {
            Write($"--{Boundary}--\r\n");
            return _body.ToArray();
        }

        private void Write(string s) => _body.Write(Encoding.UTF8.GetBytes(s));
    }
}
