using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>The business keys every assignment orchestration carries, for queries without histories.</summary>
public static class BusinessKeys
{
    /// <summary>The round id.</summary>
    public const string Round = "round";

    /// <summary>The village id.</summary>
    public const string Village = "village";

    /// <summary>The township name.</summary>
    public const string Township = "township";

    /// <summary>The stage (<see cref="StageCode"/>).</summary>
    public const string Stage = "stage";

    /// <summary>The next due action, e.g. <c>checkin:2026-08:answer</c>.</summary>
    public const string NextAction = "nextAction";

    /// <summary>When the next action is due, ISO 8601 UTC.</summary>
    public const string NextDue = "nextDue";

    /// <summary>The secretary's cadre id.</summary>
    public const string Cadre = "cadre";

    /// <summary>Returns the code of a stage as used in JSON and business keys (e.g. <c>term</c>).</summary>
    public static string StageCode(AssignmentStage stage) => stage switch
    {
        AssignmentStage.Selection => "selection",
        AssignmentStage.Appointment => "appointment",
        AssignmentStage.Handover => "handover",
        AssignmentStage.Term => "term",
        AssignmentStage.Review => "review",
        AssignmentStage.Decision => "decision",
        AssignmentStage.HandingOver => "handingOver",
        _ => "completed",
    };
}
