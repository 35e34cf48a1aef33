using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;

namespace Merlin.Bench.Floor;

/// <summary>
/// The PostgreSQL floor: one writer loop takes every insert waiting when a batch starts and writes them with one
/// statement (a multi-row <c>INSERT ... SELECT FROM unnest(...)</c>, prepared) in one implicit transaction: one round
/// trip and one commit — one WAL flush with <c>synchronous_commit=on</c> — per batch, the group commit Merlin's
/// PostgreSQL writer also does (it needs a round trip per write in the batch, plus the commit).
/// </summary>
public sealed class PostgresFloorStore : IFloorStore
{
    private readonly Channel<FloorInsert> inserts = Channel.CreateUnbounded<FloorInsert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly NpgsqlDataSource dataSource;
    private readonly Task writer;

    private PostgresFloorStore(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        writer = Task.Run(WriteLoopAsync);
    }

    public static async Task<PostgresFloorStore> OpenAsync(string connectionString)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var command = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS executions (id TEXT PRIMARY KEY, namespace TEXT NOT NULL, flow_id TEXT NOT NULL, value TEXT NOT NULL)"))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new PostgresFloorStore(dataSource);
    }

    public Task InsertAsync(string id, string @namespace, string flowId, string json)
    {
        var insert = new FloorInsert(id, @namespace, flowId, json);
        inserts.Writer.TryWrite(insert);
        return insert.Done.Task;
    }

    public async Task<long> CountAsync(string @namespace)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM executions WHERE namespace = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = @namespace });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        inserts.Writer.TryComplete();
        await writer;
        await dataSource.DisposeAsync();
    }

    private async Task WriteLoopAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO executions (id, namespace, flow_id, value) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])", connection);
        var parameters = Enumerable.Range(0, 4).Select(_ => command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text })).ToArray();
        await command.PrepareAsync();
        var batch = new List<FloorInsert>();
        var reader = inserts.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 1024 && reader.TryRead(out var insert))
            {
                batch.Add(insert);
            }

            parameters[0].Value = batch.Select(i => i.Id).ToArray();
            parameters[1].Value = batch.Select(i => i.Namespace).ToArray();
            parameters[2].Value = batch.Select(i => i.FlowId).ToArray();
            parameters[3].Value = batch.Select(i => i.Json).ToArray();
            try
            {
                await command.ExecuteNonQueryAsync();
                batch.ForEach(i => i.Done.TrySetResult());
            }
            catch (NpgsqlException e)
            {
                batch.ForEach(i => i.Done.TrySetException(e)); // the request fails (500); the bench counts it as not SUCCESS
            }

            batch.Clear();
        }
    }
}
