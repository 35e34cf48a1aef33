using System.Globalization;
using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite.Executions;

/// <summary>
/// Executions as one JSON document each, with indexed columns for search. Saves go through the database's
/// group-commit writer: concurrent saves share one transaction, and a save's task completes once committed.
/// </summary>
public sealed class SqliteExecutionRepository(SqliteDatabase database) : IExecutionRepository
{
    /// <summary>Transactions committed by the shared writer (saves of executions, logs and the rest).</summary>
    public long CommitCount => database.CommitCount;

    public Task SaveAsync(Execution execution, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var row = ExecutionRow.From(execution);
        return database.WriteAsync(
            context =>
            {
                row.Upsert(context);
                return true;
            },
            cancellationToken);
    }

    public Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(read =>
            read.Command(ExecutionSql.Get).Set("@id", id).ExecuteScalar() is string json ? Read(json) : null));

    public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Max(1, query.Size);
        return Task.FromResult(database.Read(read =>
        {
            // The WHERE text depends only on which filters are set, so both statements are cached per shape.
            using var probe = new SqliteCommand();
            var where = ExecutionSearch.Where(query, probe);
            var count = Bind(read.Command($"SELECT COUNT(*) FROM executions WHERE {where}"), probe);
            var total = Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture);
            var select = Bind(read.Command($"SELECT json FROM executions WHERE {where} ORDER BY start_date DESC, id DESC LIMIT @limit OFFSET @offset"), probe)
                .Set("@limit", size)
                .Set("@offset", (long)(page - 1) * size);
            return new PagedResult<Execution>(ReadAll(select), total);
        }));
    }

    public Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Execution>>(database.Read(read => ReadAll(read.Command(ExecutionSql.ListUnfinished))));

    public Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return Task.FromResult(0);
        }

        var names = states.Select((s, i) => (Name: "@state" + i.ToString(CultureInfo.InvariantCulture), Value: s.ToString())).ToList();
        var sql = $"SELECT COUNT(*) FROM executions WHERE namespace = @ns AND flow_id = @flow_id AND deleted = 0 AND state IN ({string.Join(", ", names.Select(n => n.Name))})";
        return Task.FromResult(database.Read(read =>
        {
            var command = read.Command(sql).Set("@ns", @namespace).Set("@flow_id", flowId);
            names.ForEach(n => command.Set(n.Name, n.Value));
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }));
    }

    public Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        database.WriteAsync(context => context.Command(ExecutionSql.Delete).Set("@id", id).ExecuteNonQuery() > 0, cancellationToken);

    public async Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var owner = await database.WriteAsync(
            context => context.Command(ExecutionSql.ClaimIdempotencyKey)
                .Set("@key", key)
                .Set("@execution_id", executionId)
                .Set("@now", SqliteDates.ToText(now))
                .Set("@expires_at", SqliteDates.ToText(now + ttl))
                .ExecuteScalar() as string,
            cancellationToken);
        return owner == executionId ? null : owner;
    }

    private static Execution Read(string json) =>
        KestraJson.Deserialize<Execution>(json) ?? throw new InvalidDataException("Stored execution is JSON null.");

    private static SqliteCommand Bind(SqliteCommand command, SqliteCommand source)
    {
        foreach (SqliteParameter parameter in source.Parameters)
        {
            command.Set(parameter.ParameterName, parameter.Value);
        }

        return command;
    }

    private static List<Execution> ReadAll(SqliteCommand command)
    {
        var executions = new List<Execution>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            executions.Add(Read(reader.GetString(0)));
        }

        return executions;
    }
}
