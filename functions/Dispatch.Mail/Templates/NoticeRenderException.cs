namespace Dispatch.Mail.Templates;

/// <summary>A notice could not be rendered: model values or links are missing or unreadable.</summary>
public sealed class NoticeRenderException : ArgumentException
{
    /// <summary>Creates an exception without details.</summary>
    public NoticeRenderException()
        : this("The notice could not be rendered.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public NoticeRenderException(string message)
        : base(message)
    {
        Problems = [message];
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public NoticeRenderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    /// <summary>Creates an exception listing every problem found.</summary>
    public NoticeRenderException(NoticeKind kind, IReadOnlyList<string> problems)
        : base($"Notice {kind} cannot be rendered: {string.Join("; ", problems)}.", "notice")
    {
        Problems = problems;
    }

    /// <summary>Gets every problem found, e.g. <c>missing model value 'dueDate'</c>.</summary>
    public IReadOnlyList<string> Problems { get; }
}
