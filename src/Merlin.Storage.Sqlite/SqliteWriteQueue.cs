using System.Threading.Channels;
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
    private readonly SqliteMetrics? metrics;
    private readonly Task loop;
    private long commitCount;

    public SqliteWriteQueue(SqliteConnection connection, int maxBatchSize, SqliteMetrics? metrics = null)
    {
        this.metrics = metrics;
        this.connection = connection;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
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
        try
        {
            RunInTransaction(batch);
        }
        catch (Exception) when (batch.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each alone so only the culprit sees the error.
            foreach (var item in batch)
            {
                CommitAlone(item);
            }

            return;
        }
        catch (Exception exception)
        {
            batch[0].Failed(exception);
            return;
        }

        foreach (var item in batch)
        {
            item.Committed();
        }
    }

    private void CommitAlone(SqliteWriteItem item)
    {
        try
        {
            RunInTransaction([item]);
        }
        catch (Exception exception)
        {
            item.Failed(exception);
            return;
        }

        item.Committed();
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
