using System.Collections.Concurrent;

namespace IntelGraph.Server.Tests.Infrastructure;

/// <summary>One log event with its event id and the named values of its message template.</summary>
internal sealed record StructuredLogEvent(int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields);

/// <summary>Keeps every log event with its structured fields, so tests can check the values a log processor would index.</summary>
internal sealed class StructuredLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<StructuredLogEvent> _events = new();

    public IReadOnlyCollection<StructuredLogEvent> Events => _events;

    public ILogger CreateLogger(string categoryName) => new StructuredLogger(_events);

    public void Dispose()
    {
    }

    private sealed class StructuredLogger(ConcurrentQueue<StructuredLogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            events.Enqueue(new StructuredLogEvent(eventId.Id, logLevel, formatter(state, exception), fields));
        }
    }
}
