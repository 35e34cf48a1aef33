using Merlin.Sdk.Runs;

namespace Merlin.Sdk.Testing;

/// <summary>The task's log lines in memory, and stored lines of executions for tasks that read logs.</summary>
public sealed class FakeTaskLogs : ITaskLogs
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    /// <summary>What the task logged, in order.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Lines => _lines;

    /// <summary>Stored log lines that <see cref="ListAsync"/> answers from (the test adds them).</summary>
    public List<LogEntry> Stored { get; } = [];

    public void Log(LogLevel level, string message) => _lines.Add((level, message));

    public Task<IReadOnlyList<LogEntry>> ListAsync(string executionId, LogLevel minLevel, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LogEntry>>(Stored.Where(r => r.ExecutionId == executionId && r.Level >= minLevel).ToList());
}
