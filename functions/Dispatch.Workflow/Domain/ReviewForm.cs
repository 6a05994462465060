namespace Dispatch.Workflow.Domain;

/// <summary>One participant's answer in a review: a score (reviewers) or a self-report (the secretary).</summary>
public sealed record ReviewForm
{
    /// <summary>Gets the score 0–100 (reviewers only).</summary>
    public decimal? Score { get; init; }

    /// <summary>Gets the comment or the self-report (述职) text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Gets when it was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>Checks the form for <paramref name="scorer"/>.</summary>
    public ValidationErrors Validate(ReviewScorer scorer)
    {
        var errors = new ValidationErrors();
        if (scorer == ReviewScorer.Self)
        {
            if (string.IsNullOrWhiteSpace(Text))
            {
                errors.Add("text", "the self-report (述职) is required");
            }

            if (Score is not null)
            {
                errors.Add("score", "the secretary does not score their own review");
            }
        }
        else if (Score is not { } score || score < 0 || score > 100)
        {
            errors.Add("score", "must be between 0 and 100");
        }

        if (Text is { Length: > 8000 })
        {
            errors.Add("text", "must be at most 8,000 characters");
        }

        return errors;
    }
}
