namespace Dispatch.Mail.Inbound;

/// <summary>Keeps every inbound message.</summary>
public interface IInboundMessageStore
{
    /// <summary>Stores (or replaces) a message.</summary>
    Task SaveAsync(InboundRawMessage message, CancellationToken cancellationToken = default);

    /// <summary>Reads a message back, or null.</summary>
    Task<InboundRawMessage?> GetAsync(string id, CancellationToken cancellationToken = default);
}
