using Dispatch.Mail.Templates;
using Dispatch.Testing;

namespace Dispatch.Mail.Tests;

internal static class TestMail
{
    public static MailOptions Options(string? outbox = null) => new()
    {
        FromEmail = "noreply@dispatch.example.com",
        FromName = "驻村第一书记管理系统",
        PublicBaseUrl = "https://dispatch.example.com/",
        ReplyDomain = "reply.dispatch.example.com",
        HrEmail = "hr@dispatch.example.com",
        OutboxDirectory = outbox ?? Path.Combine(Path.GetTempPath(), "dispatch-outbox-" + Guid.NewGuid().ToString("N")),
    };

    public static NoticeRenderer Renderer(FakeTimeProvider clock, MailOptions? options = null) =>
        new(Microsoft.Extensions.Options.Options.Create(options ?? Options()), TestKeys.Tokens(clock), clock);
}
