using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite.Metrics;

/// <summary>Metric entries, one row each; appends share the group-commit writer with execution saves.</summary>
public sealed class SqliteMetricRepository(SqliteDatabase database) : IMetricRepository
{
    private const string Insert = """
        INSERT INTO metrics (namespace, flow_id, task_id, execution_id, task_run_id, type, name, value, tags, timestamp, deleted)
        VALUES (@namespace, @flow_id, @task_id, @execution_id, @task_run_id, @type, @name, @value, @tags, @timestamp, @deleted)
        """;

    private const string Columns = "namespace, flow_id, task_id, execution_id, task_run_id, type, name, value, tags, timestamp, deleted";

    private const string OfExecution = """
        execution_id = @execution_id AND deleted = 0
        AND (@task_run_id IS NULL OR task_run_id = @task_run_id) AND (@task_id IS NULL OR task_id = @task_id)
        """;

    private const string Names = """
        SELECT DISTINCT name FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND deleted = 0 AND (@task_id IS NULL OR task_id = @task_id)
        ORDER BY name
        """;

    private const string TaskIds = """
        SELECT DISTINCT task_id FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND deleted = 0 AND task_id IS NOT NULL
        ORDER BY task_id
        """;

    private const string Buckets = """
        SELECT substr(timestamp, 1, @length) AS period, COUNT(*), SUM(value), MIN(value), MAX(value)
        FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND name = @name AND deleted = 0 AND (@task_id IS NULL OR task_id = @task_id)
          AND timestamp >= @start AND timestamp <= @end
        GROUP BY period
        ORDER BY period
        """;

    private const string DeleteByExecution = "DELETE FROM metrics WHERE execution_id = @execution_id";

    public Task AppendAsync(IReadOnlyList<MetricEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteLazilyAsync( // entries share the commit of the execution's next save
            context =>
            {
                foreach (var entry in entries)
                {
                    context.Command(Insert)
                        .Set("@namespace", entry.Namespace)
                        .Set("@flow_id", entry.FlowId)
                        .Set("@task_id", entry.TaskId)
                        .Set("@execution_id", entry.ExecutionId)
                        .Set("@task_run_id", entry.TaskRunId)
                        .Set("@type", entry.Type)
                        .Set("@name", entry.Name)
                        .Set("@value", entry.Value)
                        .Set("@tags", MetricRows.TagsToJson(entry.Tags))
                        .Set("@timestamp", SqliteDates.ToText(entry.Timestamp))
                        .Set("@deleted", entry.Deleted)
                        .ExecuteNonQuery();
                }

                return entries.Count;
            },
            cancellationToken);
    }

    public Task<PagedResult<MetricEntry>> ListAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(database.Read(read =>
        {
            var total = Convert.ToInt64(Bind(read.Command($"SELECT COUNT(*) FROM metrics WHERE {OfExecution}"), query).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            var page = Bind(read.Command($"SELECT {Columns} FROM metrics WHERE {OfExecution} ORDER BY {MetricRows.OrderBy(query.Sort)} LIMIT @limit OFFSET @offset"), query)
                .Set("@limit", query.Size)
                .Set("@offset", (long)(Math.Max(query.Page, 1) - 1) * query.Size);
            using var reader = page.ExecuteReader();
            var entries = new List<MetricEntry>();
            while (reader.Read())
            {
                entries.Add(Read(reader));
            }

            return new PagedResult<MetricEntry>(entries, total);
        }));
    }

    public Task<IReadOnlyList<string>> NamesAsync(string @namespace, string flowId, string? taskId, CancellationToken cancellationToken) =>
        Strings(Names, @namespace, flowId, taskId);

    public Task<IReadOnlyList<string>> TaskIdsAsync(string @namespace, string flowId, CancellationToken cancellationToken) =>
        Strings(TaskIds, @namespace, flowId, null);

    public Task<IReadOnlyList<MetricBucket>> BucketsAsync(MetricBucketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult<IReadOnlyList<MetricBucket>>(database.Read(read =>
        {
            var command = read.Command(Buckets)
                .Set("@length", MetricRows.PrefixLength(query.Period))
                .Set("@namespace", query.Namespace)
                .Set("@flow_id", query.FlowId)
                .Set("@task_id", query.TaskId)
                .Set("@name", query.Name)
                .Set("@start", SqliteDates.ToText(query.Start))
                .Set("@end", SqliteDates.ToText(query.End));
            using var reader = command.ExecuteReader();
            var buckets = new List<MetricBucket>();
            while (reader.Read())
            {
                buckets.Add(new MetricBucket(MetricRows.StartOf(reader.GetString(0)), reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
            }

            return buckets;
        }));
    }

    public Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command(DeleteByExecution).Set("@execution_id", executionId).ExecuteNonQuery(), cancellationToken);

    private Task<IReadOnlyList<string>> Strings(string sql, string @namespace, string flowId, string? taskId) =>
        Task.FromResult<IReadOnlyList<string>>(database.Read(read =>
        {
            using var reader = read.Command(sql).Set("@namespace", @namespace).Set("@flow_id", flowId).Set("@task_id", taskId).ExecuteReader();
            var values = new List<string>();
            while (reader.Read())
            {
                values.Add(reader.GetString(0));
            }

            return values;
        }));

    private static SqliteCommand Bind(SqliteCommand command, MetricQuery query) =>
        command.Set("@execution_id", query.ExecutionId).Set("@task_run_id", query.TaskRunId).Set("@task_id", query.TaskId);

    private static MetricEntry Read(SqliteDataReader reader) => new()
    {
        Namespace = reader.GetString(0),
        FlowId = reader.GetString(1),
        TaskId = reader.GetNullableString(2),
        ExecutionId = reader.GetNullableString(3),
        TaskRunId = reader.GetNullableString(4),
        Type = reader.GetString(5),
        Name = reader.GetString(6),
        Value = reader.GetDouble(7),
        Tags = MetricRows.TagsFromJson(reader.GetNullableString(8)),
        Timestamp = SqliteDates.FromText(reader.GetString(9)),
        Deleted = reader.GetBoolean(10),
    };
}
