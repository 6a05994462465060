using Dispatch.Mail.Events;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail.Tests;

public sealed class AddDispatchMailTests : IDisposable
{
    private readonly string _outbox = Path.Combine(Path.GetTempPath(), "dispatch-di-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_outbox))
        {
            Directory.Delete(_outbox, recursive: true);
        }
    }

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDispatchMail(builder.Configuration);
        return builder.Build();
    }

    private Dictionary<string, string?> Valid() => new()
    {
        ["Dispatch:Keys:TokenSigning"] = TestKeys.SigningKey,
        ["Dispatch:Mail:PublicBaseUrl"] = "https://dispatch.example.com",
        ["Dispatch:Mail:ReplyDomain"] = "reply.dispatch.example.com",
        ["Dispatch:Mail:OutboxDirectory"] = _outbox,
    };

    [Fact]
    public async Task AddDispatchMail_OutboxMode_SendsToOutbox()
    {
        using var host = Build(Valid());
        await host.StartAsync();

        var result = await host.Services.GetRequiredService<INoticeSender>().SendAsync(SampleNotices.For(NoticeKind.CheckInRequest, NoticeLanguage.ZhCn));

        result.Status.ShouldBe(NoticeSendStatus.Sent);
        host.Services.GetRequiredService<OutboxIndex>().List().ShouldHaveSingleItem().NoticeId.ShouldBe(result.NoticeId);
        host.Services.GetRequiredService<InboundParseHandler>().ShouldNotBeNull();
        host.Services.GetRequiredService<EventWebhookHandler>().ShouldNotBeNull();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("Dispatch:Keys:TokenSigning", "short", "TokenSigning")]
    [InlineData("Dispatch:Mail:PublicBaseUrl", "not a url", "PublicBaseUrl")]
    [InlineData("Dispatch:Mail:FromEmail", "驻村@example.com", "FromEmail")]
    [InlineData("Dispatch:Mail:ReplyDomain", "bad domain!", "ReplyDomain")]
    [InlineData("Dispatch:Mail:EventWebhookPublicKey", "AAAA", "EventWebhookPublicKey")]
    [InlineData("Dispatch:Mail:Mode", "SendGrid", "ApiKey")]
    public async Task AddDispatchMail_BadSetting_FailsAtStartNamingIt(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;
        using var host = Build(settings);

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => host.StartAsync());

        ex.Message.ShouldContain(named);
    }
}
