using System.Diagnostics;
using System.Threading.Channels;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Storage;

/// <summary>
/// The single writer of a database (group commit), whatever the database. Writes are queued; one loop drains
/// everything pending into one transaction, commits once, then completes every caller. An idle queue commits a lone
/// write at once; under load, writes that arrive during a commit share the next one, so one flush serves many
/// callers. A batch that fails because of one write is retried write by write, so only the culprit sees its error;
/// one that fails because of the store fails every write with the <see cref="StorageFaultException"/>. Lazy writes
/// (log lines nobody waits for) do not wake the writer: they join the next commit, or are committed alone after
/// <see cref="DefaultLazyWindow"/> (<see cref="GroupCommitLazyWrites{TContext}"/>) — a task's log line and its
/// execution's end, a few hundred microseconds apart, then cost one flush and one wake-up, not two.
/// </summary>
/// <typeparam name="TContext">What a write sees of the open transaction.</typeparam>
public abstract class GroupCommitWriter<TContext> : IAsyncDisposable
{
    private readonly Channel<GroupCommitItem<TContext>> channel =
        Channel.CreateUnbounded<GroupCommitItem<TContext>>(new UnboundedChannelOptions { SingleReader = true });

    private readonly int maxBatchSize;
    private readonly StoreHealth health;
    private readonly string part;
    private readonly GroupCommitMetrics? metrics;
    private Task loop = Task.CompletedTask;
    private long commitCount;

    /// <param name="maxBatchSize">Most writes grouped into one transaction.</param>
    /// <param name="health">Told about every commit and every store fault.</param>
    /// <param name="part">The part of the store this writer reports on (<c>database</c>).</param>
    /// <param name="metrics">Told the size and duration of every commit, when metrics are collected.</param>
    /// <param name="lazyWindow">How long lazy writes wait for company (<see cref="DefaultLazyWindow"/> when null).</param>
    protected GroupCommitWriter(int maxBatchSize, StoreHealth health, string part, GroupCommitMetrics? metrics, TimeSpan? lazyWindow = null)
    {
        lazy = new GroupCommitLazyWrites<TContext>(lazyWindow ?? DefaultLazyWindow, () => channel.Writer.TryWrite(Wake.Instance));
        this.metrics = metrics;
        this.maxBatchSize = Math.Max(1, maxBatchSize);
        this.health = health;
        this.part = part;
    }

    /// <summary>How long a batch of lazy writes only waits for company before it commits alone.</summary>
    public static readonly TimeSpan DefaultLazyWindow = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How long the writer's own thread polls for the next write before it blocks. Waking a blocked thread costs 30–40 µs
    /// on a virtual machine, close to a tenth of a one-client <c>?wait=true</c> execution; that client's next write
    /// arrives about 200 µs after a commit (the answer, the next request, the engine). The poll yields to any ready thread, and is
    /// skipped while writes come further apart than this (the previous wait was longer), so an idle or lightly used
    /// writer does not poll.
    /// </summary>
    private static readonly TimeSpan SpinWindow = TimeSpan.FromMicroseconds(300);

    private static readonly long SpinTicks = (long)(SpinWindow.TotalSeconds * Stopwatch.Frequency);

    private readonly GroupCommitLazyWrites<TContext> lazy;
    private bool ownThread;

    /// <summary>How long the writer's own thread last waited for a write (timestamp ticks); only that thread reads or writes it.</summary>
    private long lastGap = long.MaxValue;
    private volatile bool stopped;

    /// <summary>Transactions committed so far (each may hold many writes).</summary>
    public long CommitCount => Interlocked.Read(ref commitCount);

    /// <summary>Queues a write; the task completes with its result once its transaction is committed.</summary>
    public Task<T> QueueAsync<T>(Func<TContext, ValueTask<T>> work, CancellationToken cancellationToken, bool lazy = false, bool relaxed = false)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var item = new GroupCommitItem<TContext, T>(work, cancellationToken) { Relaxed = relaxed };
        if (lazy)
        {
            this.lazy.Add(item);
            if (stopped)
            {
                this.lazy.FailAll(new ObjectDisposedException(GetType().Name)); // added after the writer's last look
            }
        }
        else if (!channel.Writer.TryWrite(item))
        {
            return Task.FromException<T>(new ObjectDisposedException(GetType().Name));
        }

        return item.Task;
    }

    /// <summary>Takes no more writes, and returns once every queued one is committed or failed.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        channel.Writer.TryComplete();
        await loop.ConfigureAwait(false);
        stopped = true;
        lazy.FailAll(new ObjectDisposedException(GetType().Name));
        lazy.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Starts the writer loop; called by the subclass once it is ready to commit.</summary>
    protected void Start() => loop = Task.Run(RunAsync);

    /// <summary>
    /// Starts the writer loop on a thread of its own that blocks while the queue is empty: for a database whose calls
    /// never wait on a network (SQLite), so the whole loop runs on that thread. A write then wakes a thread already
    /// waiting for it (a few microseconds) instead of queuing the loop to the thread pool.
    /// </summary>
    protected void StartOnOwnThread(string name)
    {
        ownThread = true;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
#pragma warning disable VSTHRD002 // this thread is the loop: every await in it completes here (the waits block, the commits are synchronous)
                RunAsync().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
                ended.SetResult();
            }
            catch (Exception e)
            {
                ended.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        loop = ended.Task;
        thread.Start();
    }

    /// <summary>Runs every item (<see cref="GroupCommitItem{TContext}.ExecuteAsync"/>) in one transaction and commits it; throws what the database threw.</summary>
    /// <param name="relaxed">Every write of the batch is relaxed (<see cref="GroupCommitItem{TContext}.Relaxed"/>): the commit need not wait for the disk.</param>
    protected abstract Task CommitAsync(IReadOnlyList<GroupCommitItem<TContext>> items, bool relaxed);

    /// <summary>The store fault behind <paramref name="exception"/>, or null when the write itself is to blame.</summary>
    protected abstract StorageFaultException? FaultOf(Exception exception);

    private async Task RunAsync()
    {
        var batch = new List<GroupCommitItem<TContext>>();
        while (await WaitToReadAsync().ConfigureAwait(false))
        {
            await DrainAndCommitAsync(batch).ConfigureAwait(false);
        }

        await DrainAndCommitAsync(batch).ConfigureAwait(false); // the lazy writes still waiting at shutdown
    }

    private async Task DrainAndCommitAsync(List<GroupCommitItem<TContext>> batch)
    {
        lazy.TakeInto(batch, maxBatchSize); // first: they were written before the save that follows them
        Drain(batch);
        if (batch.Count > 0)
        {
            await CommitBatchAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>
    /// On the writer's own thread (<see cref="StartOnOwnThread"/>), waits until there is something to read: first it
    /// polls for up to <see cref="SpinWindow"/> when the previous write came within that window, then it blocks.
    /// </summary>
    private ValueTask<bool> WaitToReadAsync()
    {
        var wait = channel.Reader.WaitToReadAsync();
        if (!ownThread || wait.IsCompleted)
        {
            lastGap = 0;
            return wait;
        }

        var started = Stopwatch.GetTimestamp();
        if (lastGap <= SpinTicks)
        {
            var spinner = default(SpinWait);
            while (!wait.IsCompleted && Stopwatch.GetTimestamp() - started < SpinTicks)
            {
                spinner.SpinOnce(sleep1Threshold: -1); // yields to any thread that is ready to run; never sleeps
            }

            if (wait.IsCompleted)
            {
                lastGap = Stopwatch.GetTimestamp() - started;
                return wait;
            }
        }

#pragma warning disable VSTHRD002 // the writer's own thread has nothing else to do while the queue is empty
        var more = wait.AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
        lastGap = Stopwatch.GetTimestamp() - started;
        return new ValueTask<bool>(more);
    }

    private void Drain(List<GroupCommitItem<TContext>> batch)
    {
        while (batch.Count < maxBatchSize && channel.Reader.TryRead(out var item))
        {
            if (item is Wake)
            {
                continue;
            }

            if (item.IsCancelled)
            {
                item.Cancelled();
            }
            else
            {
                batch.Add(item);
            }
        }
    }

    private async Task CommitBatchAsync(List<GroupCommitItem<TContext>> batch)
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

    /// <summary>Commits the items in one transaction; returns the error (a store fault translated), or null once committed.</summary>
    private async Task<Exception?> TryCommitAsync(IReadOnlyList<GroupCommitItem<TContext>> items)
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            await CommitAsync(items, items.All(i => i.Relaxed)).ConfigureAwait(false);
            metrics?.Committed(items.Count, Stopwatch.GetElapsedTime(started));
            Interlocked.Increment(ref commitCount);
            health.ReportWritable(part);
            return null;
        }
        catch (Exception exception)
        {
            if (FaultOf(exception) is { } fault)
            {
                health.ReportFault(part, fault);
                return fault;
            }

            return exception;
        }
    }

    /// <summary>Wakes the writer for the lazy writes; commits nothing itself.</summary>
    private sealed class Wake : GroupCommitItem<TContext>
    {
        public static readonly Wake Instance = new();

        public override bool IsCancelled => false;

        public override ValueTask ExecuteAsync(TContext context) => ValueTask.CompletedTask;

        internal override void Committed()
        {
        }

        internal override void Failed(Exception exception)
        {
        }

        internal override void Cancelled()
        {
        }
    }
}
