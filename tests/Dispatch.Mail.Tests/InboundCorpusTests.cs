using System.Globalization;
using Dispatch.Bench.Mail;
using Xunit.Abstractions;

namespace Dispatch.Mail.Tests;

public sealed class InboundCorpusTests(ITestOutputHelper output)
{
    [Fact]
    public void Corpus_HasAtLeastFortyReplies() => InboundCorpus.Load().Count.ShouldBeGreaterThanOrEqualTo(40);

    [Fact]
    public async Task Corpus_FieldAccuracy_AtLeast95Percent()
    {
        var report = await InboundCorpus.RunAsync(InboundCorpus.Load());

        foreach (var o in report.Outcomes.Where(o => !o.StatusOk || o.Correct != o.Fields))
        {
            output.WriteLine($"{o.Name} [{o.Mode}] status-ok={o.StatusOk} {o.Correct}/{o.Fields}: {o.Detail}");
        }

        var figure = string.Create(CultureInfo.InvariantCulture, $"inbound parser field accuracy: {report.Correct}/{report.Fields} = {report.Accuracy:P1} over {report.Outcomes.Count} posts");
        output.WriteLine(figure);
        Console.WriteLine(figure);
        report.Outcomes.Where(o => !o.StatusOk).Select(o => $"{o.Name} [{o.Mode}]: {o.Detail}").ShouldBeEmpty();
        report.Accuracy.ShouldBeGreaterThanOrEqualTo(0.95);
    }
}
