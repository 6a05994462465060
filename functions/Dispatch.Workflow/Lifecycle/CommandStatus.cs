namespace Dispatch.Workflow.Lifecycle;

/// <summary>How the host should answer a command (HTTP status in brackets).</summary>
public enum CommandStatus
{
    /// <summary>Accepted; the orchestration continues (202).</summary>
    Accepted,

    /// <summary>Bad input; see the field errors (400).</summary>
    Invalid,

    /// <summary>The assignment, check-in, handover or review does not exist (404).</summary>
    NotFound,

    /// <summary>The command conflicts with the current state, e.g. the cadre is reserved elsewhere or the form was already answered (409).</summary>
    Conflict,

    /// <summary>Too late: the form or stage has closed (410).</summary>
    Gone,
}
