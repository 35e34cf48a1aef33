using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Metrics;

/// <summary>
/// Metric entries, one row each. The entries of a batch (every append the writer groups) are one statement (columns
/// sent as arrays and unnested), and share the group-commit writer with execution saves.
/// </summary>
public sealed class PostgresMetricRepository(PostgresDatabase database) : IMetricRepository
{
    private const string Insert = """
        INSERT INTO metrics (namespace, flow_id, task_id, execution_id, task_run_id, type, name, value, tags, timestamp, deleted)
        SELECT * FROM unnest(@namespace, @flow_id, @task_id, @execution_id, @task_run_id, @type, @name, @value, @tags, @timestamp, @deleted)
        """;

    private const string OfExecution = """
        execution_id = @execution_id AND NOT deleted
        AND (@task_run_id::text IS NULL OR task_run_id = @task_run_id) AND (@task_id::text IS NULL OR task_id = @task_id)
        """;

    private const string Names = """
        SELECT DISTINCT name FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND NOT deleted AND (@task_id::text IS NULL OR task_id = @task_id)
        ORDER BY name
        """;

    private const string TaskIds = """
        SELECT DISTINCT task_id FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND NOT deleted AND task_id IS NOT NULL
        ORDER BY task_id
        """;

    private const string Buckets = """
        SELECT substr(timestamp, 1, @length) AS period, COUNT(*), SUM(value), MIN(value), MAX(value)
        FROM metrics
        WHERE namespace = @namespace AND flow_id = @flow_id AND name = @name AND NOT deleted AND (@task_id::text IS NULL OR task_id = @task_id)
          AND timestamp >= @start AND timestamp <= @end
        GROUP BY period
        ORDER BY period
        """;

    private const string DeleteByExecution = "DELETE FROM metrics WHERE execution_id = @execution_id";

    /// <summary>The entries of a batch, every append's together, in one statement.</summary>
    private static readonly PostgresRowStatement<MetricEntry> Entries = new(Insert, BindMany);

    public Task AppendAsync(IReadOnlyList<MetricEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0
            ? Task.CompletedTask
            : database.DeferRowsAsync(Entries, entries, cancellationToken, lazy: true); // entries share the commit of the execution's next save
    }

    private static void BindMany(NpgsqlCommand c, IReadOnlyList<MetricEntry> entries) =>
        c.Array("namespace", NpgsqlDbType.Text, entries.Select(e => e.Namespace))
            .Array("flow_id", NpgsqlDbType.Text, entries.Select(e => e.FlowId))
            .Array("task_id", NpgsqlDbType.Text, entries.Select(e => e.TaskId))
            .Array("execution_id", NpgsqlDbType.Text, entries.Select(e => e.ExecutionId))
            .Array("task_run_id", NpgsqlDbType.Text, entries.Select(e => e.TaskRunId))
            .Array("type", NpgsqlDbType.Text, entries.Select(e => e.Type))
            .Array("name", NpgsqlDbType.Text, entries.Select(e => e.Name))
            .Array("value", NpgsqlDbType.Double, entries.Select(e => e.Value))
            .Array("tags", NpgsqlDbType.Text, entries.Select(e => MetricRows.TagsToJson(e.Tags)))
            .Array("timestamp", NpgsqlDbType.Text, entries.Select(e => PostgresDates.ToText(e.Timestamp)))
            .Array("deleted", NpgsqlDbType.Boolean, entries.Select(e => e.Deleted));

    public async Task<PagedResult<MetricEntry>> ListAsync(MetricQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        void Bind(NpgsqlCommand c) => c.Text("execution_id", query.ExecutionId).Text("task_run_id", query.TaskRunId).Text("task_id", query.TaskId);
        var total = (await database.QueryAsync($"SELECT COUNT(*) FROM metrics WHERE {OfExecution}", Bind, r => r.GetInt64(0), cancellationToken))[0];
        var page = await database.QueryAsync(
            $"SELECT namespace, flow_id, task_id, execution_id, task_run_id, type, name, value, tags, timestamp, deleted FROM metrics WHERE {OfExecution} " +
            $"ORDER BY {MetricRows.OrderBy(query.Sort)} LIMIT @limit OFFSET @offset",
            c =>
            {
                Bind(c);
                c.Int("limit", query.Size).Long("offset", (long)(Math.Max(query.Page, 1) - 1) * query.Size);
            },
            Read,
            cancellationToken);
        return new PagedResult<MetricEntry>(page, total);
    }

    public async Task<IReadOnlyList<string>> NamesAsync(string @namespace, string flowId, string? taskId, CancellationToken cancellationToken) =>
        await database.QueryAsync(Names, c => c.Text("namespace", @namespace).Text("flow_id", flowId).Text("task_id", taskId), r => r.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<string>> TaskIdsAsync(string @namespace, string flowId, CancellationToken cancellationToken) =>
        await database.QueryAsync(TaskIds, c => c.Text("namespace", @namespace).Text("flow_id", flowId), r => r.GetString(0), cancellationToken);

    public async Task<IReadOnlyList<MetricBucket>> BucketsAsync(MetricBucketQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await database.QueryAsync(
            Buckets,
            c => c.Int("length", MetricRows.PrefixLength(query.Period))
                .Text("namespace", query.Namespace)
                .Text("flow_id", query.FlowId)
                .Text("task_id", query.TaskId)
                .Text("name", query.Name)
                .Text("start", PostgresDates.ToText(query.Start))
                .Text("end", PostgresDates.ToText(query.End)),
            r => new MetricBucket(MetricRows.StartOf(r.GetString(0)), r.GetInt64(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)),
            cancellationToken);
    }

    public Task<int> DeleteByExecutionAsync(string executionId, CancellationToken cancellationToken) =>
        database.ExecuteAsync(DeleteByExecution, c => c.Text("execution_id", executionId), cancellationToken);

    private static MetricEntry Read(NpgsqlDataReader reader) => new()
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
        Timestamp = PostgresDates.FromText(reader.GetString(9)),
        Deleted = reader.GetBoolean(10),
    };
}
