using Merlin.Core.Storage;
using Merlin.Runtime.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// The process's single writer (group commit, see <see cref="GroupCommitWriter{TContext}"/>): one transaction per
/// batch on one pooled connection, so one WAL flush (<c>synchronous_commit</c>) serves every write of the batch. A batch
/// of relaxed writes only (<see cref="GroupCommitItem{TContext}.Relaxed"/>) commits without waiting for the flush: a
/// crash of the database may lose it, which repeats work (at least once), and the next durable commit flushes it anyway.
/// </summary>
internal sealed class PostgresWriteQueue : GroupCommitWriter<PostgresWriteContext>
{
    private readonly NpgsqlDataSource dataSource;
    private readonly NpgsqlDataSource relaxed;
    private readonly Func<Exception?>? faultInjector;

    /// <param name="relaxed">The same database, with sessions set to <c>synchronous_commit = off</c>.</param>
    public PostgresWriteQueue(NpgsqlDataSource dataSource, NpgsqlDataSource relaxed, int maxBatchSize, StoreHealth health, Func<Exception?>? faultInjector,
        GroupCommitMetrics? metrics)
        : base(maxBatchSize, health, PostgresStoreProbe.Part, metrics)
    {
        this.dataSource = dataSource;
        this.relaxed = relaxed;
        this.faultInjector = faultInjector;
        Start();
    }

    protected override StorageFaultException? FaultOf(Exception exception) => PostgresFaults.From(exception);

    protected override async Task CommitAsync(IReadOnlyList<GroupCommitItem<PostgresWriteContext>> items, bool relaxed)
    {
        // A connection per batch from the pool: one broken by a server restart is discarded, the next batch gets a good one.
        await using var connection = await (relaxed ? this.relaxed : dataSource).OpenConnectionAsync();
        await using var context = new PostgresWriteContext(connection);
        foreach (var item in items)
        {
            await item.ExecuteAsync(context);
        }

        if (faultInjector?.Invoke() is { } injected)
        {
            throw injected;
        }

        await context.CommitAsync(); // the deferred statements of the whole batch in one round trip, then the commit if a transaction was begun
    }
}
