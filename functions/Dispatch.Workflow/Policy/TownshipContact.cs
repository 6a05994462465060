using System.ComponentModel.DataAnnotations;

namespace Dispatch.Workflow.Policy;

/// <summary>The addresses of one township party committee (乡镇党委 / 街道党工委).</summary>
public sealed class TownshipContact
{
    /// <summary>Gets or sets the committee's contact (appointment notices, invitations, reviews).</summary>
    [EmailAddress]
    public string? Email { get; set; }

    /// <summary>Gets or sets the manager escalations go to.</summary>
    [EmailAddress]
    public string? ManagerEmail { get; set; }
}
