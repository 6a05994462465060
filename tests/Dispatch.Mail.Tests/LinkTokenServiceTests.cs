using Dispatch.Mail.Links;
using Dispatch.Testing;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class LinkTokenServiceTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Validate_IssuedToken_ReturnsSubject()
    {
        var tokens = TestKeys.Tokens(_clock);
        var token = tokens.Issue(LinkPurposes.CheckIn, "ci-a1-2026-03", _clock.GetUtcNow().AddDays(10));

        var result = tokens.Validate(token, LinkPurposes.CheckIn);

        result.IsValid.ShouldBeTrue();
        result.SubjectId.ShouldBe("ci-a1-2026-03");
        result.ExpiresAt.ShouldBe(_clock.GetUtcNow().AddDays(10));
        token.ShouldNotContain("+");
        token.ShouldNotContain("/");
        token.ShouldNotContain("=");
    }

    [Fact]
    public void Validate_AfterExpiry_ReturnsExpired()
    {
        var tokens = TestKeys.Tokens(_clock);
        var token = tokens.Issue(LinkPurposes.CheckIn, "s", _clock.GetUtcNow().AddDays(1));
        _clock.Advance(TimeSpan.FromDays(1));

        tokens.Validate(token, LinkPurposes.CheckIn).Failure.ShouldBe(LinkTokenFailure.Expired);
    }

    [Fact]
    public void Validate_OtherPurpose_ReturnsWrongPurpose()
    {
        var tokens = TestKeys.Tokens(_clock);
        var token = tokens.Issue(LinkPurposes.Review, "s", _clock.GetUtcNow().AddDays(1));

        tokens.Validate(token, LinkPurposes.CheckIn).Failure.ShouldBe(LinkTokenFailure.WrongPurpose);
    }

    [Fact]
    public void Validate_OtherKey_ReturnsBadSignature()
    {
        var other = new LinkTokenService(Options.Create(new LinkTokenOptions { SigningKey = new string('k', 40) }), _clock);
        var token = other.Issue(LinkPurposes.CheckIn, "s", _clock.GetUtcNow().AddDays(1));

        TestKeys.Tokens(_clock).Validate(token, LinkPurposes.CheckIn).Failure.ShouldBe(LinkTokenFailure.BadSignature);
    }

    [Fact]
    public void Validate_AlteredPayload_ReturnsBadSignature()
    {
        var tokens = TestKeys.Tokens(_clock);
        var token = tokens.Issue(LinkPurposes.CheckIn, "subject-1", _clock.GetUtcNow().AddDays(1));
        var forged = tokens.Issue(LinkPurposes.CheckIn, "subject-2", _clock.GetUtcNow().AddDays(1));
        var spliced = forged.Split('.')[0] + "." + token.Split('.')[1];

        tokens.Validate(spliced, LinkPurposes.CheckIn).Failure.ShouldBe(LinkTokenFailure.BadSignature);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b.c")]
    [InlineData("!!!.???")]
    [InlineData(".abc")]
    public void Validate_Garbage_ReturnsMalformed(string token) =>
        TestKeys.Tokens(_clock).Validate(token, LinkPurposes.CheckIn).Failure.ShouldBe(LinkTokenFailure.Malformed);

    [Fact]
    public void Constructor_ShortKey_Throws() =>
        Should.Throw<ArgumentException>(() => new LinkTokenService(Options.Create(new LinkTokenOptions { SigningKey = "short" }), _clock));

    [Fact]
    public void ValidateReplyToken_UpperCased_ReturnsNoticeId()
    {
        var tokens = TestKeys.Tokens(_clock);
        var id = Notice.CreateId("a1", NoticeKind.CheckInRequest, "2026-03", "x@example.com");
        var reply = tokens.IssueReplyToken(id);

        tokens.ValidateReplyToken(reply.ToUpperInvariant()).ShouldBe(id);
        ("checkin+" + reply).Length.ShouldBeLessThanOrEqualTo(64);
        tokens.ValidateReplyToken(reply[..^1] + (reply[^1] == '0' ? '1' : '0')).ShouldBeNull();
    }
}
