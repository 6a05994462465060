using Dispatch.Workflow.Domain;
using Dispatch.Workflow.Lifecycle;

namespace Dispatch.Functions.Forms;

/// <summary>The workflow side of the review page.</summary>
internal interface IReviewForms
{
    /// <summary>Reads the review task <c>{reviewId}|{participant}</c>; null when there is none.</summary>
    Task<ReviewFormContext?> GetAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>Records the participant's form.</summary>
    Task<CommandResult> SubmitAsync(string taskId, ReviewForm form, CancellationToken cancellationToken = default);
}
