using System.Threading.Channels;
using Merlin.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Merlin.Storage.Sqlite;

/// <summary>
/// The single writer of the database (group commit). Writes are queued; one loop drains everything pending
/// into one transaction, commits once, then completes every caller. An idle queue commits a lone write at
/// once; under load, writes that arrive during a commit share the next one, so one fsync serves many callers.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private readonly Channel<SqliteWriteItem> channel =
        Channel.CreateUnbounded<SqliteWriteItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly SqliteConnection connection;
    private readonly SqliteWriteContext context;
    private readonly int maxBatchSize;
    private readonly StoreHealth health;
    private readonly Func<Exception?>? faultInjector;
    private readonly SqliteMetrics? metrics;
    private readonly Task loop;
    private long commitCount;

    public SqliteWriteQueue(SqliteConnection connection, int maxBatchSize, StoreHealth health, Func<Exception?>? faultInjector, SqliteMetrics? metrics = null)
    {
        this.metrics = metrics;
        this.connection = connection;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
        this.health = health;
        this.faultInjector = faultInjector;
        context = new SqliteWriteContext(connection);
        loop = Task.Run(RunAsync);
    }

    public long CommitCount => Interlocked.Read(ref commitCount);

    public Task<T> EnqueueAsync<T>(Func<SqliteWriteContext, T> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new SqliteWriteItem<T>(work, cancellationToken);
        if (!channel.Writer.TryWrite(item))
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(SqliteDatabase)));
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        context.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<SqliteWriteItem>();
        while (await channel.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < maxBatchSize && channel.Reader.TryRead(out var item))
            {
                if (item.IsCancelled)
                {
                    item.Cancelled();
                }
                else
                {
                    batch.Add(item);
                }
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch);
                batch.Clear();
            }
        }
    }

    private void CommitBatch(List<SqliteWriteItem> batch)
    {
        var error = TryCommit(batch);
        if (error is StorageFaultException fault)
        {
            // The store failed, not a write: every write of the batch gets the fault (the callers retry or answer 507/503).
            foreach (var item in batch)
            {
                item.Failed(fault);
            }
        }
        else if (error is not null && batch.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each alone so only the culprit sees the error.
            foreach (var item in batch)
            {
                var alone = TryCommit([item]);
                if (alone is null)
                {
                    item.Committed();
                }
                else
                {
                    item.Failed(alone);
                }
            }
        }
        else if (error is not null)
        {
            batch[0].Failed(error);
        }
        else
        {
            foreach (var item in batch)
            {
                item.Committed();
            }
        }
    }

    /// <summary>Runs and commits the items in one transaction; returns the error (a store fault translated), or null once committed.</summary>
    private Exception? TryCommit(IReadOnlyList<SqliteWriteItem> items)
    {
        try
        {
            RunInTransaction(items);
            health.ReportWritable(SqliteStoreProbe.Part);
            return null;
        }
        catch (Exception exception)
        {
            if (SqliteFaults.From(exception) is { } fault)
            {
                health.ReportFault(SqliteStoreProbe.Part, fault);
                return fault;
            }

            return exception;
        }
    }

    private void RunInTransaction(IReadOnlyList<SqliteWriteItem> items)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var transaction = connection.BeginTransaction(deferred: false);
        context.Transaction = transaction;
        try
        {
            foreach (var item in items)
            {
                item.Execute(context);
            }

            if (faultInjector?.Invoke() is { } injected)
            {
                throw injected;
            }

            transaction.Commit();
            Interlocked.Increment(ref commitCount);
            metrics?.Committed(items.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        finally
        {
            context.Transaction = null;
        }
    }
}
