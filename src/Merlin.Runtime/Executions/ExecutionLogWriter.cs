using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executions;

/// <summary>Writes execution log entries; the repository groups them into few transactions.</summary>
public sealed class ExecutionLogWriter(ILogRepository repository, TimeProvider clock, ILogger<ExecutionLogWriter> logger)
{
    /// <summary>Kestra splits messages longer than this into several entries.</summary>
    private const int MaxMessageLength = 10_240;

    /// <summary>Log entries held in memory while the store refuses writes; beyond this, new ones are dropped (and said so).</summary>
    private const int MaxRetryingEntries = 100_000;

    private readonly HeldWrites _writes = new(MaxRetryingEntries, logger);

    /// <summary>Queues the entries without waiting for them to be stored.</summary>
    public void Write(Execution execution, string? taskRunId, string? taskId, Merlin.Sdk.Runs.LogLevel level, string message, int? attemptNumber = null) =>
        _ = WriteAsync(execution, taskRunId, taskId, level, message, attemptNumber);

    /// <summary>Queues the entries; the returned task completes once they are stored (awaited where a reader must see them).</summary>
    public Task WriteAsync(Execution execution, string? taskRunId, string? taskId, Merlin.Sdk.Runs.LogLevel level, string message, int? attemptNumber = null)
    {
        var now = clock.GetUtcNow();
        var entries = new List<LogEntry>();
        for (var offset = 0; offset < Math.Max(1, message.Length); offset += MaxMessageLength)
        {
            entries.Add(new LogEntry
            {
                Namespace = execution.Namespace,
                FlowId = execution.FlowId,
                TaskId = taskId,
                ExecutionId = execution.Id,
                TaskRunId = taskRunId,
                AttemptNumber = attemptNumber,
                Timestamp = now.AddMilliseconds(entries.Count),
                Level = level,
                Message = message.Length <= MaxMessageLength ? message : message.Substring(offset, Math.Min(MaxMessageLength, message.Length - offset)),
            });
        }

        return AppendAsync(execution.Id, entries);
    }

    /// <summary>Stores the entries, retrying while the store is faulted (disk full) so no log line is lost, within a memory bound.</summary>
    private Task AppendAsync(string executionId, List<LogEntry> entries) =>
        _writes.RunAsync(entries.Count, () => repository.AppendAsync(entries, CancellationToken.None), "logs", executionId);
}
