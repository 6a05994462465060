using System.Text.Json.Serialization;

namespace Dispatch.Mail;

/// <summary>Who a recipient is in the assignment; templates use it for the salutation and the reviewer label.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecipientRole>))]
public enum RecipientRole
{
    /// <summary>The county organization department (组织部), the HR owner.</summary>
    Hr,

    /// <summary>A manager HR escalates to.</summary>
    Manager,

    /// <summary>The first secretary of the assignment (第一书记).</summary>
    Secretary,

    /// <summary>The outgoing secretary in a handover.</summary>
    OutgoingSecretary,

    /// <summary>The dispatching unit (派出单位).</summary>
    DispatchingUnit,

    /// <summary>The township party committee (乡镇党委) or its contact.</summary>
    Township,

    /// <summary>A reviewer scoring the secretary.</summary>
    Reviewer,

    /// <summary>Someone the secretary named to answer on their behalf.</summary>
    Delegate,
}
