using Dispatch.Mail.Inbound;

namespace Dispatch.Mail.Tests;

public sealed class CheckInReplyParserTests
{
    [Theory]
    [InlineData("22", 22)]
    [InlineData("２２天", 22)]
    [InlineData("二十二", 22)]
    [InlineData("十五户", 15)]
    [InlineData("两", 2)]
    [InlineData("一百零五", 105)]
    [InlineData("三万五千", 35000)]
    [InlineData("3.5万元", 35000)]
    [InlineData("¥12,000", 12000)]
    [InlineData("约20天", 20)]
    [InlineData("twenty-two", 22)]
    [InlineData("无", 0)]
    public void ReadNumber_Variants_Reads(string raw, int expected) =>
        CheckInReplyParser.ReadNumber(raw.Normalize(System.Text.NormalizationForm.FormKC), money: true).ShouldBe(expected);

    [Theory]
    [InlineData("20或21")]
    [InlineData("20-22")]
    [InlineData("很多")]
    [InlineData("")]
    public void ReadNumber_Ambiguous_ReturnsNull(string raw) => CheckInReplyParser.ReadNumber(raw, money: false).ShouldBeNull();

    [Fact]
    public void Parse_MissingCounts_ListsThem()
    {
        var result = CheckInReplyParser.Parse("驻村天数：22\n工作亮点：修路");

        result.Answer.ShouldBeNull();
        result.Values[CheckInFields.DaysInVillage].ShouldBe("22");
        result.Problems.Keys.Order().ShouldBe(new[] { CheckInFields.FundsSecuredYuan, CheckInFields.HouseholdsVisited, CheckInFields.LeaveDays, CheckInFields.ProblemsSolved, CheckInFields.ProjectsAdvanced }.Order());
    }

    [Fact]
    public void Parse_QuotedTemplateBelow_IgnoresQuote()
    {
        var result = CheckInReplyParser.Parse("驻村天数: 22\n走访户数: 15\n解决问题数: 3\n争取资金: 0\n推进项目数: 1\n请假天数: 0\n\n> 驻村天数: 31\n> 请假天数: 9");

        result.Answer.ShouldNotBeNull().DaysInVillage.ShouldBe(22);
        result.Answer.LeaveDays.ShouldBe(0);
        result.Answer.Highlights.ShouldBe(string.Empty);
    }
}
