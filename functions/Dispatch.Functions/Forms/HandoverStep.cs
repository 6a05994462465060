namespace Dispatch.Functions.Forms;

/// <summary>What the handover page asks of the person who opened it, given where the handover stands.</summary>
internal enum HandoverStep
{
    /// <summary>Before the meeting: confirm it, or ask for another time.</summary>
    Meeting,

    /// <summary>The outgoing secretary fills in the handover list (交接清单).</summary>
    List,

    /// <summary>The incoming secretary accepts the list or names what is missing.</summary>
    Accept,

    /// <summary>Nothing to do now: someone else's turn (the page shows where things stand).</summary>
    Waiting,

    /// <summary>The handover is complete.</summary>
    Done,
}
