using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// The single writer of the database (group commit, see <see cref="GroupCommitWriter{TContext}"/>): one connection,
/// one IMMEDIATE transaction per batch, so one fsync serves every write of the batch.
/// </summary>
internal sealed class SqliteWriteQueue : GroupCommitWriter<SqliteWriteContext>
{
    private readonly SqliteConnection connection;
    private readonly SqliteWriteContext context;
    private readonly Func<Exception?>? faultInjector;
    private readonly Action? committed;

    /// <param name="committed">Told after each commit (the checkpointer).</param>
    public SqliteWriteQueue(SqliteConnection connection, int maxBatchSize, StoreHealth health, Func<Exception?>? faultInjector, GroupCommitMetrics? metrics = null, Action? committed = null)
        : base(maxBatchSize, health, SqliteStoreProbe.Part, metrics)
    {
        this.connection = connection;
        this.faultInjector = faultInjector;
        this.committed = committed;
        context = new SqliteWriteContext(connection);
        StartOnOwnThread("merlin-sqlite-writer");
    }

    /// <summary>Queues a synchronous write (SQLite's calls do not wait on a network).</summary>
    public Task<T> EnqueueAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken, bool lazy = false) =>
        QueueAsync(c => ValueTask.FromResult(work(c)), cancellationToken, lazy);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        context.Dispose();
    }

    protected override StorageFaultException? FaultOf(Exception exception) => SqliteFaults.From(exception);

    protected override async Task CommitAsync(IReadOnlyList<GroupCommitItem<SqliteWriteContext>> items, bool relaxed) // one synchronous mode for all
    {
        // BEGIN and COMMIT are prepared once too: Microsoft.Data.Sqlite's transaction prepares and finalizes each of them
        // every time (a few µs of a batch that may hold a single execution).
        context.Statement("BEGIN IMMEDIATE").Execute();
        try
        {
            foreach (var item in items)
            {
                await item.ExecuteAsync(context); // synchronous work: completes at once, on this thread
            }

            if (faultInjector?.Invoke() is { } injected)
            {
                throw injected;
            }

            context.Statement("COMMIT").Execute();
            committed?.Invoke();
        }
        finally
        {
            RollBackIfOpen();
        }
    }

    /// <summary>After a failed batch: a failed COMMIT may leave the transaction open (busy) or SQLite may have rolled it back already.</summary>
    private void RollBackIfOpen()
    {
        if (raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            context.Statement("ROLLBACK").Execute();
        }
    }
}
