using Merlin.Core.Executions;
using Merlin.Core.Json;
using Merlin.Core.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Storage.Postgres.Executions;

/// <summary>
/// Executions as one JSON document each, with indexed columns for search. Saves go through the database's
/// group-commit writer: concurrent saves share one transaction, and a save's task completes once committed.
/// </summary>
/// <param name="notifications">Where other processes are told of each save, in its transaction (none when null: storage alone, as the CLI uses it).</param>
public sealed class PostgresExecutionRepository(
    PostgresDatabase database, Messaging.PostgresConsumedMessages? consumed = null, Messaging.PostgresNotifications? notifications = null) : IExecutionRepository
{
    /// <summary>Transactions committed by the shared writer (saves of executions, logs and the rest).</summary>
    public long CommitCount => database.CommitCount;

    public Task SaveAsync(Execution execution, CancellationToken cancellationToken) => SaveAsync(execution, relaxed: false, cancellationToken);

    public Task CheckpointAsync(Execution execution, CancellationToken cancellationToken) => SaveAsync(execution, relaxed: true, cancellationToken);

    private Task SaveAsync(Execution execution, bool relaxed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(execution);
        var row = ExecutionRow.From(execution);
        var applied = consumed?.Take(execution.Id) ?? [];
        if (applied.Length == 0)
        {
            return database.WriteAsync(
                context =>
                {
                    row.Save(context, notifications);
                    return Task.FromResult(true);
                },
                cancellationToken,
                relaxed);
        }

        return SaveWithAppliedAsync(row, execution.Id, applied, relaxed, cancellationToken);
    }

    /// <summary>Saves an execution and deletes, in the same transaction, the queued events whose effect it holds.</summary>
    private async Task SaveWithAppliedAsync(ExecutionRow row, string executionId, long[] applied, bool relaxed, CancellationToken cancellationToken)
    {
        try
        {
            await database.WriteAsync(
                context =>
                {
                    row.Save(context, notifications);
                    context.DeferRows(Messaging.ExecutionQueueRows.Delete, applied);
                    return Task.FromResult(true);
                },
                cancellationToken,
                relaxed);
        }
        catch
        {
            consumed!.Return(executionId, applied);
            throw;
        }

        consumed!.OnDeleted(applied);
    }

    public async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await database.QueryAsync(ExecutionSql.Get, c => c.Text("id", id), Read, cancellationToken)).FirstOrDefault();

    public Task<PagedResult<Execution>> SearchAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = Math.Max(1, query.Page);
        var size = Math.Max(1, query.Size);
        var filters = new List<NpgsqlParameter>();
        var where = ExecutionSearch.Where(query, filters);

        // One round trip: the page and the total (a window count over the filtered rows) together; the total is read
        // from a second statement only when the page is past the end and so has no row to carry it.
        var select = $"""
            SELECT json, COUNT(*) OVER () FROM executions WHERE {where}
            ORDER BY start_date DESC, id DESC LIMIT @limit OFFSET @offset
            """;
        return database.ReadAsync(
            async connection =>
            {
                var executions = new List<Execution>();
                long total = 0;
                await using (var command = new NpgsqlCommand(select, connection))
                {
                    command.Parameters.AddRange(filters.Select(p => p.Clone()).ToArray());
                    command.Int("limit", size).Long("offset", (long)(page - 1) * size);
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        executions.Add(Read(reader));
                        total = reader.GetInt64(1);
                    }
                }

                if (executions.Count == 0)
                {
                    await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM executions WHERE {where}", connection);
                    count.Parameters.AddRange(filters.Select(p => p.Clone()).ToArray());
                    total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
                }

                return new PagedResult<Execution>(executions, total);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<Execution>> ListUnfinishedAsync(CancellationToken cancellationToken) =>
        await database.QueryAsync(ExecutionSql.ListUnfinished, _ => { }, Read, cancellationToken);

    public async Task<int> CountAsync(string @namespace, string flowId, IReadOnlyList<StateType> states, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return 0;
        }

        var counts = await database.QueryAsync(
            ExecutionSql.Count,
            c => c.Text("ns", @namespace).Text("flow_id", flowId).Array("states", NpgsqlDbType.Text, states.Select(s => s.ToString())),
            reader => reader.GetInt32(0),
            cancellationToken);
        return counts[0];
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(ExecutionSql.Delete, c => c.Text("id", id), cancellationToken) > 0;

    public async Task<string?> ClaimIdempotencyKeyAsync(string key, string executionId, DateTimeOffset now, TimeSpan ttl, CancellationToken cancellationToken)
    {
        var owner = await database.WriteAsync(
            async context =>
            {
                await using (var purge = await context.CommandAsync(ExecutionSql.PurgeIdempotencyKeys))
                {
                    await purge.Date("now", now).ExecuteNonQueryAsync();
                }

                await using (var claim = await context.CommandAsync(ExecutionSql.ClaimIdempotencyKey))
                {
                    await claim.Text("key", key).Text("execution_id", executionId).Date("expires_at", now + ttl).ExecuteNonQueryAsync();
                }

                await using var select = await context.CommandAsync(ExecutionSql.IdempotencyKeyOwner);
                return await select.Text("key", key).ExecuteScalarAsync() as string;
            },
            cancellationToken);
        return owner == executionId ? null : owner;
    }

    private static Execution Read(NpgsqlDataReader reader) => FromJson(reader.GetString(0));

    /// <summary>An execution from its stored JSON; an ended one keeps the text, which answers for it as is.</summary>
    internal static Execution FromJson(string json) =>
        EndedExecutionJson.Remember(KestraJson.Deserialize<Execution>(json) ?? throw new InvalidDataException("Stored execution is JSON null."), json);
}
