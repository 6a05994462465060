namespace Dispatch.Workflow.Domain;

/// <summary>The handover (交接) into one assignment, or its orientation meeting when there is no outgoing secretary.</summary>
public sealed record HandoverRecord
{
    /// <summary>Gets the handover id: the incoming assignment id (the link subject of handover pages).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the incoming assignment.</summary>
    public required string AssignmentId { get; init; }

    /// <summary>Gets the outgoing assignment, when it is in the system.</summary>
    public string? OutgoingAssignmentId { get; init; }

    /// <summary>Gets the outgoing secretary's cadre id; null for an orientation.</summary>
    public string? OutgoingCadreId { get; init; }

    /// <summary>Gets a value indicating whether this is an orientation with the township (no outgoing secretary).</summary>
    public bool IsOrientation => OutgoingCadreId is null;

    /// <summary>Gets the meeting start.</summary>
    public DateTimeOffset MeetingAt { get; init; }

    /// <summary>Gets the meeting place.</summary>
    public string Location { get; init; } = string.Empty;

    /// <summary>Gets how many times the meeting was rescheduled (the calendar sequence).</summary>
    public int Sequence { get; init; }

    /// <summary>Gets a value indicating whether the outgoing secretary confirmed the time.</summary>
    public bool OutgoingConfirmed { get; init; }

    /// <summary>Gets a value indicating whether the incoming secretary confirmed the time.</summary>
    public bool IncomingConfirmed { get; init; }

    /// <summary>Gets when the outgoing secretary was last asked for the list (after the meeting); null before.</summary>
    public DateTimeOffset? ListRequestedAt { get; init; }

    /// <summary>Gets the list, once submitted.</summary>
    public HandoverList? List { get; init; }

    /// <summary>Gets when the list was submitted.</summary>
    public DateTimeOffset? ListSubmittedAt { get; init; }

    /// <summary>Gets the last list sent back, so the outgoing secretary amends it rather than retyping it.</summary>
    public HandoverList? ReturnedList { get; init; }

    /// <summary>Gets what the incoming secretary said is missing, when the list was sent back.</summary>
    public string? Missing { get; init; }

    /// <summary>Gets when the incoming secretary accepted the list (or the orientation was held).</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
