using Dispatch.Workflow.Domain;

namespace Dispatch.Workflow.Lifecycle;

/// <summary>The outcome of a command sent to an assignment.</summary>
public sealed record CommandResult
{
    /// <summary>Gets the status.</summary>
    public required CommandStatus Status { get; init; }

    /// <summary>Gets a sentence for the user (the ProblemDetails detail).</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>Gets the field errors when <see cref="Status"/> is <see cref="CommandStatus.Invalid"/>.</summary>
    public ValidationErrors Errors { get; init; } = new();

    /// <summary>Gets the fresh proposal when a selection lost the cadre to another village.</summary>
    public ProposalView? FreshProposal { get; init; }

    /// <summary>Gets a value indicating whether a late check-in answer was recorded as late.</summary>
    public bool Late { get; init; }

    internal static CommandResult Ok(string message = "accepted") => new() { Status = CommandStatus.Accepted, Message = message };

    internal static CommandResult NotFound(string message) => new() { Status = CommandStatus.NotFound, Message = message };

    internal static CommandResult Conflict(string message) => new() { Status = CommandStatus.Conflict, Message = message };

    internal static CommandResult Gone(string message) => new() { Status = CommandStatus.Gone, Message = message };

    internal static CommandResult Invalid(ValidationErrors errors) => new() { Status = CommandStatus.Invalid, Message = "The input is not valid.", Errors = errors };

    internal static CommandResult Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }
}
