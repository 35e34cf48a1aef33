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

    public Task<Execution?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        command.CommandText = ExecutionSql.Get;
        command.Set("@id", id);
        return Task.FromResult(command.ExecuteScalar() is string json ? Read(json) : null);
    }

    public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Max(1, query.Size);
        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        var where = ExecutionSearch.Where(query, command);
        command.CommandText = $"SELECT COUNT(*) FROM executions WHERE {where}";
        var total = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        command.CommandText = $"SELECT json FROM executions WHERE {where} ORDER BY start_date DESC, id DESC LIMIT @limit OFFSET @offset";
        command.Set("@limit", size).Set("@offset", (long)(page - 1) * size);
        return Task.FromResult(new PagedResult<Execution>(ReadAll(command), total));
    }

    public Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        command.CommandText = ExecutionSql.ListUnfinished;
        return Task.FromResult<IReadOnlyList<Execution>>(ReadAll(command));
    }

    public Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return Task.FromResult(0);
        }

        using var connection = database.OpenReadConnection();
        using var command = connection.CreateCommand();
        var names = states.Select((s, i) => (Name: "@state" + i.ToString(CultureInfo.InvariantCulture), Value: s.ToString())).ToList();
        command.CommandText =
            $"SELECT COUNT(*) FROM executions WHERE namespace = @ns AND flow_id = @flow_id AND deleted = 0 AND state IN ({string.Join(", ", names.Select(n => n.Name))})";
        command.Set("@ns", @namespace).Set("@flow_id", flowId);
        names.ForEach(n => command.Set(n.Name, n.Value));
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
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
