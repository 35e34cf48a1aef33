using System.Threading.Channels;
using Merlin.Core.Storage;
using Npgsql;

namespace Merlin.Storage.Postgres;

/// <summary>
/// The process's single writer (group commit). Writes are queued; one loop drains everything pending into one
/// transaction on one pooled connection, commits once, then completes every caller. An idle queue commits a lone
/// write at once; under load, writes that arrive during a commit share the next one, so one WAL flush
/// (<c>synchronous_commit</c>) serves many callers.
/// </summary>
internal sealed class PostgresWriteQueue : IAsyncDisposable
{
    private readonly Channel<PostgresWriteItem> channel =
        Channel.CreateUnbounded<PostgresWriteItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly NpgsqlDataSource dataSource;
    private readonly int maxBatchSize;
    private readonly StoreHealth health;
    private readonly Func<Exception?>? faultInjector;
    private readonly Task loop;
    private long commitCount;

    public PostgresWriteQueue(NpgsqlDataSource dataSource, int maxBatchSize, StoreHealth health, Func<Exception?>? faultInjector)
    {
        this.dataSource = dataSource;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
        this.health = health;
        this.faultInjector = faultInjector;
        loop = Task.Run(RunAsync);
    }

    public long CommitCount => Interlocked.Read(ref commitCount);

    public Task<T> EnqueueAsync<T>(Func<PostgresWriteContext, Task<T>> work, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new PostgresWriteItem<T>(work, cancellationToken);
        if (!channel.Writer.TryWrite(item))
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(PostgresDatabase)));
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<PostgresWriteItem>();
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
                await CommitBatchAsync(batch).ConfigureAwait(false);
                batch.Clear();
            }
        }
    }

    private async Task CommitBatchAsync(List<PostgresWriteItem> batch)
    {
        var error = await TryCommitAsync(batch).ConfigureAwait(false);
        if (error is StorageFaultException fault)
        {
            // The store failed, not a write: every write of the batch gets the fault (the callers retry or answer 507/503).
            batch.ForEach(item => item.Failed(fault));
        }
        else if (error is not null && batch.Count > 1)
        {
            // One bad write must not fail its neighbours: retry each alone so only the culprit sees the error.
            foreach (var item in batch)
            {
                var alone = await TryCommitAsync([item]).ConfigureAwait(false);
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
            batch.ForEach(item => item.Committed());
        }
    }

    /// <summary>Runs and commits the items in one transaction; returns the error (a store fault translated), or null once committed.</summary>
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<PostgresWriteItem> items)
    {
        try
        {
            await RunInTransactionAsync(items).ConfigureAwait(false);
            health.ReportWritable(PostgresStoreProbe.Part);
            return null;
        }
        catch (Exception exception)
        {
            if (PostgresFaults.From(exception) is { } fault)
            {
                health.ReportFault(PostgresStoreProbe.Part, fault);
                return fault;
            }

            return exception;
        }
    }

    private async Task RunInTransactionAsync(IReadOnlyList<PostgresWriteItem> items)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        var context = new PostgresWriteContext(connection, transaction);
        foreach (var item in items)
        {
            await item.ExecuteAsync(context).ConfigureAwait(false);
        }

        if (faultInjector?.Invoke() is { } injected)
        {
            throw injected;
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        Interlocked.Increment(ref commitCount);
    }
}
