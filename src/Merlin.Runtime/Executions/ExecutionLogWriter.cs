using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executions;

/// <summary>Writes execution log entries; the repository groups them into few transactions.</summary>
public sealed class ExecutionLogWriter(ILogRepository repository, TimeProvider clock, ILogger<ExecutionLogWriter> logger)
{
    /// <summary>Kestra splits messages longer than this into several entries.</summary>
    private const int MaxMessageLength = 10_240;

    public void Write(Execution execution, string? taskRunId, string? taskId, Core.Executions.LogLevel level, string message, int? attemptNumber = null)
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

        _ = repository.AppendAsync(entries, CancellationToken.None)
            .ContinueWith(t => logger.LogError(t.Exception, "Failed to store logs of {ExecutionId}", execution.Id), TaskContinuationOptions.OnlyOnFaulted);
    }
}
