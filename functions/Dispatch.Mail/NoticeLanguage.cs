using System.Text.Json.Serialization;

namespace Dispatch.Mail;

/// <summary>The language a notice is written in; Simplified Chinese unless the recipient asked for English.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoticeLanguage>))]
public enum NoticeLanguage
{
    /// <summary>Simplified Chinese (zh-CN), the default.</summary>
    ZhCn = 0,

    /// <summary>English (en).</summary>
    En = 1,
}
