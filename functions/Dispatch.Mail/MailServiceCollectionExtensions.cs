using Dispatch.Mail.Events;
using Dispatch.Mail.Inbound;
using Dispatch.Mail.Links;
using Dispatch.Mail.SendGrid;
using Dispatch.Mail.State;
using Dispatch.Mail.Templates;
using Dispatch.Mail.Transport;
using Dispatch.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dispatch.Mail;

/// <summary>Registers Dispatch.Mail in a host.</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>The configuration key of the Table Storage connection string.</summary>
    public const string StorageConnectionStringKey = "Dispatch:Storage:ConnectionString";

    /// <summary>
    /// Adds <see cref="INoticeSender"/>, <see cref="LinkTokenService"/>, <see cref="NoticeRenderer"/>,
    /// <see cref="OutboxIndex"/>, <see cref="InboundParseHandler"/>, <see cref="InboundRequestAuthorizer"/> and
    /// <see cref="EventWebhookHandler"/>. The transport follows <c>Dispatch:Mail:Mode</c>; options are validated at
    /// start-up. Notice state and raw inbound mail go to Table Storage: a registered <see cref="TableServiceClient"/>,
    /// else <c>Dispatch:Storage:ConnectionString</c>; with neither, Outbox mode keeps them in memory and SendGrid mode refuses to start.
    /// </summary>
    public static IServiceCollection AddDispatchMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailOptions>, MailOptionsValidator>());
        services.AddOptions<LinkTokenOptions>()
            .Configure(o => o.SigningKey = configuration[LinkTokenOptions.ConfigurationKey] ?? string.Empty)
            .Validate(o => System.Text.Encoding.UTF8.GetByteCount(o.SigningKey) >= LinkTokenOptions.MinimumKeyBytes, $"{LinkTokenOptions.ConfigurationKey} must hold at least {LinkTokenOptions.MinimumKeyBytes} bytes.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LinkTokenService>();
        services.TryAddSingleton<NoticeRenderer>();
        services.TryAddSingleton<OutboxIndex>();
        services.TryAddSingleton<InboundRequestAuthorizer>();
        services.TryAddSingleton<InboundParseHandler>();
        services.TryAddSingleton<EventWebhookHandler>();
        services.TryAddSingleton<INoticeSender, NoticeSender>();

        var mode = configuration.GetSection(MailOptions.SectionName).GetValue(nameof(MailOptions.Mode), MailMode.Outbox);
        if (mode == MailMode.SendGrid)
        {
            services.AddOptions<SendGridClientOptions>().Bind(configuration.GetSection(SendGridClientOptions.SectionName)).ValidateDataAnnotations()
                .Validate(o => !string.IsNullOrWhiteSpace(o.ApiKey), $"{SendGridClientOptions.SectionName}:ApiKey is required in SendGrid mode.")
                .Validate(o => o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff, "SendGrid back-off settings must be positive, the maximum at least the initial.")
                .ValidateOnStart();
            services.AddHttpClient<SendGridClient>();
            services.TryAddSingleton<IMailTransport, SendGridTransport>();
        }
        else
        {
            services.AddOptions<SendGridClientOptions>().Bind(configuration.GetSection(SendGridClientOptions.SectionName));
            services.TryAddSingleton<IMailTransport, OutboxTransport>();
        }

        services.TryAddSingleton<INoticeStateStore>(sp => Table(sp, configuration, mode, o => o.NoticeTable) is { } t ? new TableNoticeStateStore(t) : new InMemoryNoticeStateStore());
        services.TryAddSingleton<IInboundMessageStore>(sp => Table(sp, configuration, mode, o => o.InboundTable) is { } t ? new TableInboundMessageStore(t) : new InMemoryInboundMessageStore());
        return services;
    }

    private static TableClient? Table(IServiceProvider sp, IConfiguration configuration, MailMode mode, Func<MailOptions, string> name)
    {
        var table = name(sp.GetRequiredService<IOptions<MailOptions>>().Value);
        if (sp.GetService<TableServiceClient>() is { } service)
        {
            return service.GetTableClient(table);
        }

        if (configuration[StorageConnectionStringKey] is { Length: > 0 } connectionString)
        {
            return new TableClient(connectionString, table);
        }

        return mode == MailMode.SendGrid
            ? throw new InvalidOperationException($"SendGrid mode needs Table Storage for exactly-once sending: set {StorageConnectionStringKey} or register a TableServiceClient.")
            : null;
    }
}
