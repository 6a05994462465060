namespace Dispatch.Functions.Forms;

/// <summary>Who opened a handover link: the last segment of the link subject <c>{assignmentId}|{party}</c>.</summary>
internal enum HandoverParty
{
    /// <summary>The outgoing secretary (原第一书记): confirms the meeting, submits the list.</summary>
    Outgoing,

    /// <summary>The incoming secretary (新任第一书记): confirms the meeting, accepts the list.</summary>
    Incoming,

    /// <summary>The township party committee: confirms its attendance, follows progress.</summary>
    Township,
}
