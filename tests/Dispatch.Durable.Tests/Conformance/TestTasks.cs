using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Dispatch.Durable.Tests.Conformance;

public sealed record GreetingFormat(string Format);

public sealed class GreetingActivity(GreetingFormat format) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(string.Format(System.Globalization.CultureInfo.InvariantCulture, format.Format, input));
}

public sealed class CycleV1 : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int input)
    {
        context.ContinueAsNew(input + 1, preserveUnprocessedEvents: true, newVersion: "2");
        return Task.FromResult("v1");
    }
}

public sealed class CycleV2 : TaskOrchestrator<int, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, int input) => Task.FromResult($"v{context.Version} got {input}");
}

public sealed class CollectingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Collector(this);

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue(formatter(state, exception));
    }
}
