namespace Dispatch.Functions.Hosting;

/// <summary>Where notices go.</summary>
internal enum MailMode
{
    /// <summary>Files under the data directory, listed at <c>/dev/outbox</c>.</summary>
    Outbox,

    /// <summary>SendGrid's v3 Mail Send API.</summary>
    SendGrid,
}
