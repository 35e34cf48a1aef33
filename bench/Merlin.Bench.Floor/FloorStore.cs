using System.Threading.Channels;
using Microsoft.Data.Sqlite;

#pragma warning disable VSTHRD002 // the writer is a dedicated thread: it blocks on the channel by design

namespace Merlin.Bench.Floor;

/// <summary>
/// One SQLite database in WAL mode written by one thread: every insert waiting when a batch starts goes into one
/// transaction, one commit (one fsync with <c>synchronous=FULL</c>) — the group commit Merlin's store also does.
/// </summary>
public sealed class FloorStore : IFloorStore
{
    private readonly Channel<FloorInsert> inserts = Channel.CreateUnbounded<FloorInsert>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection writer;
    private readonly string connectionString;
    private readonly Thread thread;

    private readonly string synchronous;

    private FloorStore(string connectionString, string synchronous)
    {
        this.connectionString = connectionString;
        this.synchronous = synchronous;
        writer = new SqliteConnection(connectionString);
        writer.Open();
        thread = new Thread(WriteLoop) { IsBackground = true, Name = "floor-writer" };
        thread.Start();
    }

    public static FloorStore Open(string dataDir, string synchronous)
    {
        Directory.CreateDirectory(dataDir);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "floor.db"), Pooling = true }.ToString();
        using (var setup = new SqliteConnection(connectionString))
        {
            setup.Open();
            using var command = setup.CreateCommand();
            command.CommandText =
                "PRAGMA journal_mode=WAL;" +
                "CREATE TABLE IF NOT EXISTS executions (id TEXT PRIMARY KEY, namespace TEXT NOT NULL, flow_id TEXT NOT NULL, value TEXT NOT NULL);";
            command.ExecuteNonQuery();
        }

        return new FloorStore(connectionString, synchronous);
    }

    public Task InsertAsync(string id, string @namespace, string flowId, string json)
    {
        var insert = new FloorInsert(id, @namespace, flowId, json);
        inserts.Writer.TryWrite(insert);
        return insert.Done.Task;
    }

    public Task<long> CountAsync(string @namespace) => Task.FromResult(Count(@namespace));

    private long Count(string @namespace)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM executions WHERE namespace = $ns";
        command.Parameters.AddWithValue("$ns", @namespace);
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        inserts.Writer.TryComplete();
        await Task.Run(thread.Join);
        await writer.DisposeAsync();
    }

    private void WriteLoop()
    {
        using (var pragma = writer.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA synchronous={synchronous}";
            pragma.ExecuteNonQuery();
        }

        using var command = writer.CreateCommand();
        command.CommandText = "INSERT INTO executions (id, namespace, flow_id, value) VALUES ($id, $ns, $flow, $value)";
        var id = command.Parameters.Add("$id", SqliteType.Text);
        var ns = command.Parameters.Add("$ns", SqliteType.Text);
        var flow = command.Parameters.Add("$flow", SqliteType.Text);
        var value = command.Parameters.Add("$value", SqliteType.Text);
        command.Prepare();
        var batch = new List<FloorInsert>();
        var reader = inserts.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < 1024 && reader.TryRead(out var insert))
            {
                batch.Add(insert);
            }

            using (var transaction = writer.BeginTransaction())
            {
                command.Transaction = transaction;
                foreach (var insert in batch)
                {
                    (id.Value, ns.Value, flow.Value, value.Value) = (insert.Id, insert.Namespace, insert.FlowId, insert.Json);
                    command.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            foreach (var insert in batch)
            {
                insert.Done.TrySetResult();
            }

            batch.Clear();
        }
    }
}
