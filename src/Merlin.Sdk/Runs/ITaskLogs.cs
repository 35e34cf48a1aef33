namespace Merlin.Sdk.Runs;

/// <summary>The task run's log lines, and read access to the logs of executions (Kestra's log Fetch task).</summary>
public interface ITaskLogs
{
    /// <summary>Logs a line of this task run; lines below the task's <c>logLevel</c> are dropped, secrets are masked.</summary>
    void Log(LogLevel level, string message);

    /// <summary>The stored log lines of an execution at or above <paramref name="minLevel"/>, oldest first.</summary>
    Task<IReadOnlyList<LogEntry>> ListAsync(string executionId, LogLevel minLevel, CancellationToken cancellationToken);
}
