using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Storage.Sqlite.Logs;

/// <summary>Log lines, one row each; appends share the group-commit writer with execution saves.</summary>
public sealed class SqliteLogRepository(SqliteDatabase database) : ILogRepository
{
    private const string Insert = """
        INSERT INTO logs (namespace, flow_id, task_id, execution_id, task_run_id, attempt_number, trigger_id, timestamp, level, thread, message, deleted)
        VALUES (@namespace, @flow_id, @task_id, @execution_id, @task_run_id, @attempt_number, @trigger_id, @timestamp, @level, @thread, @message, @deleted)
        """;

    private const string Select = """
        SELECT namespace, flow_id, task_id, execution_id, task_run_id, attempt_number, trigger_id, timestamp, level, thread, message, deleted
        FROM logs
        WHERE execution_id = @execution_id AND deleted = 0 AND level >= @level AND (@task_run_id IS NULL OR task_run_id = @task_run_id)
        ORDER BY timestamp, id
        """;

    private const string DeleteByExecution = "DELETE FROM logs WHERE execution_id = @execution_id";

    public Task AppendAsync(IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteLazilyAsync( // lines share the commit of the execution's next save
            context =>
            {
                foreach (var entry in entries)
                {
                    context.Statement(Insert)
                        .Set("@namespace", entry.Namespace)
                        .Set("@flow_id", entry.FlowId)
                        .Set("@task_id", entry.TaskId)
                        .Set("@execution_id", entry.ExecutionId)
                        .Set("@task_run_id", entry.TaskRunId)
                        .Set("@attempt_number", entry.AttemptNumber)
                        .Set("@trigger_id", entry.TriggerId)
                        .Set("@timestamp", SqliteDates.ToText(entry.Timestamp))
                        .Set("@level", (int)entry.Level)
                        .Set("@thread", entry.Thread)
                        .Set("@message", entry.Message)
                        .Set("@deleted", entry.Deleted)
                        .Execute();
                }

                return entries.Count;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<LogEntry>> ListAsync(string executionId, LogLevel minLevel, string? taskRunId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LogEntry>>(database.Read(read => List(read, executionId, minLevel, taskRunId)));

    public Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command(DeleteByExecution).Set("@execution_id", executionId).ExecuteNonQuery(), cancellationToken);

    private static List<LogEntry> List(SqliteReadContext read, string executionId, LogLevel minLevel, string? taskRunId)
    {
        var command = read.Command(Select);
        command.Set("@execution_id", executionId).Set("@level", (int)minLevel).Set("@task_run_id", taskRunId);
        using var reader = command.ExecuteReader();
        var entries = new List<LogEntry>();
        while (reader.Read())
        {
            entries.Add(new LogEntry
            {
                Namespace = reader.GetString(0),
                FlowId = reader.GetString(1),
                TaskId = reader.GetNullableString(2),
                ExecutionId = reader.GetNullableString(3),
                TaskRunId = reader.GetNullableString(4),
                AttemptNumber = reader.IsDBNull(5) ? null : reader.GetInt32(5),
                TriggerId = reader.GetNullableString(6),
                Timestamp = SqliteDates.FromText(reader.GetString(7)),
                Level = (LogLevel)reader.GetInt32(8),
                Thread = reader.GetString(9),
                Message = reader.GetString(10),
                Deleted = reader.GetBoolean(11),
            });
        }

        return entries;
    }
}
