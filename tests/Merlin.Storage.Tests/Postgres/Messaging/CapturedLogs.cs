using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Merlin.Storage.Tests.Postgres.Messaging;

/// <summary>The log lines of one test process, by level and category, to count warnings of an outage.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(string Category, LogLevel Level, string Message)> lines = new();

    public IReadOnlyList<string> At(LogLevel level, string category) =>
        lines.Where(l => l.Level == level && l.Category == category).Select(l => l.Message).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                owner.lines.Enqueue((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
