using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Palisade.Agent.Tests;

/// <summary>Keeps every log record the agent writes, so tests can assert on event ids and on how often something was logged.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(logging => logging.AddProvider(this).SetMinimumLevel(LogLevel.Debug)
        .AddFilter("System.Net.Http", LogLevel.Warning).AddFilter("Microsoft.Extensions.Hosting", LogLevel.Warning));

    public ILogger CreateLogger(string categoryName) => new Collector(this, categoryName);

    /// <summary>How many records the agent itself (not the HTTP or hosting libraries) wrote with this event id.</summary>
    public int Count(int eventId) => _records.Count(r => r.EventId == eventId && r.Category.StartsWith("Palisade.", StringComparison.Ordinal));

    public override string ToString() => string.Join(Environment.NewLine, _records.Select(r => $"{r.Level} {r.EventId} {r.Message}"));

    public void Dispose()
    {
    }

    internal sealed record LogRecord(string Category, LogLevel Level, int EventId, string Message);

    private sealed class Collector(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._records.Enqueue(new LogRecord(category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception)));
    }
}
