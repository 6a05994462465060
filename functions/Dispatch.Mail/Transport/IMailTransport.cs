namespace Dispatch.Mail.Transport;

/// <summary>Delivers rendered mail: the outbox folder or SendGrid.</summary>
internal interface IMailTransport
{
    /// <summary>
    /// Gets whether delivering the same notice twice still makes one email (the outbox overwrites
    /// <c>{noticeId}.eml</c>). Only such transports may re-send a notice whose earlier send is in doubt.
    /// </summary>
    bool IsIdempotent { get; }

    /// <summary>
    /// Delivers <paramref name="mail"/> and returns the provider's message id. Throws <see cref="MailTransportException"/>
    /// with a status code when the provider refused it (not sent), without one when the outcome is unknown.
    /// </summary>
    Task<string> DeliverAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}
