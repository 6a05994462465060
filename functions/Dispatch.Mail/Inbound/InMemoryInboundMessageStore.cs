using System.Collections.Concurrent;

namespace Dispatch.Mail.Inbound;

/// <summary>An in-process <see cref="IInboundMessageStore"/> for tests and benchmarks.</summary>
public sealed class InMemoryInboundMessageStore : IInboundMessageStore
{
    private readonly ConcurrentDictionary<string, InboundRawMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>Gets every stored message.</summary>
    public IReadOnlyCollection<InboundRawMessage> Messages => [.. _messages.Values];

    /// <inheritdoc />
    public Task SaveAsync(InboundRawMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        _messages[message.Id] = message;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<InboundRawMessage?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_messages.TryGetValue(id, out var m) ? m : null);
}
