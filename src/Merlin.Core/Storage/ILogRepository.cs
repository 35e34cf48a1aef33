using Merlin.Core.Executions;

namespace Merlin.Core.Storage;

/// <summary>Log entries, kept per execution and task run.</summary>
public interface ILogRepository
{
    Task AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);

    /// <summary>Entries of an execution in time order, at or above <paramref name="minLevel"/>, optionally of one task run.</summary>
    Task<IReadOnlyList<LogEntry>> ListAsync(string executionId, LogLevel minLevel, string? taskRunId, CancellationToken cancellationToken);

    Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken);
}
