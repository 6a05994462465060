using System.Text.Json.Serialization;

namespace Dispatch.Mail;

/// <summary>What one <see cref="INoticeSender.SendAsync"/> call did.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeSendStatus>))]
public enum NoticeSendStatus
{
    /// <summary>This call sent the notice.</summary>
    Sent,

    /// <summary>An earlier call sent it; nothing was sent now.</summary>
    AlreadySent,

    /// <summary>
    /// An earlier call claimed the notice and may have sent it before it stopped (a crash after sending);
    /// nothing was sent now, because sending again could make a second email.
    /// </summary>
    InDoubt,

    /// <summary>The notice was sent earlier and then bounced or was dropped; nothing was sent now.</summary>
    Bounced,
}
