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
/// (log lines nobody waits for) are not committed on their own: they join the next commit, or are committed alone after
/// <see cref="DefaultLazyWindow"/> (<see cref="GroupCommitLazyWrites{TContext}"/>) — a task's log line and its
/// execution's end, a few hundred microseconds apart, then cost one flush, not two. A writer on its own thread that
/// sleeps is woken by a lazy write to watch its due time (and to be awake for the save that follows); one on the
/// thread pool is woken by a timer.
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
    private volatile bool ownThread;

    /// <summary>How long the writer's own thread last waited for a write (timestamp ticks); only that thread reads or writes it.</summary>
    private long lastGap = long.MaxValue;

    /// <summary>The writer's own thread's wait for the queue, kept across a wait that timed out (only that thread uses it).</summary>
    private Task<bool>? pendingWait;

    /// <summary>1 while the writer's own thread blocks with no lazy write waiting: the next lazy write must wake it.</summary>
    private int asleep;
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
            this.lazy.Add(item, armTimer: !ownThread);
            if (ownThread)
            {
                WakeIfAsleep();
            }

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
    /// On the writer's own thread (<see cref="StartOnOwnThread"/>), waits until a write is queued or the lazy writes are
    /// due: first it polls for up to <see cref="SpinWindow"/> when the previous write came within that window or lazy
    /// writes wait (their save usually follows within microseconds), then it blocks — until the lazy writes' due time
    /// when some wait, so no timer is armed and disarmed for every log line.
    /// </summary>
    private ValueTask<bool> WaitToReadAsync()
    {
        if (!ownThread)
        {
            return channel.Reader.WaitToReadAsync(); // on the pool: the lazy writes' timer wakes it
        }

        var started = Stopwatch.GetTimestamp();
        var spin = lastGap <= SpinTicks;
        var spinner = default(SpinWait);
        while (true)
        {
            if (pendingWait is { IsCompleted: true } done)
            {
                pendingWait = null;
                if (!done.Result)
                {
                    return Waited(started, false);
                }
            }

            if (pendingWait is null)
            {
                var wait = channel.Reader.WaitToReadAsync();
                if (wait.IsCompleted)
                {
                    if (!wait.Result)
                    {
                        return Waited(started, false);
                    }

                    if (DropWakes())
                    {
                        return Waited(started, true);
                    }

                    continue; // only a wake-up for lazy writes: they wait for company below
                }

                pendingWait = wait.AsTask();
            }

            var now = Stopwatch.GetTimestamp();
            var due = lazy.DueAt;
            if (now >= due)
            {
                return Waited(started, true);
            }

            if ((spin || due != long.MaxValue) && now - started < SpinTicks)
            {
                spinner.SpinOnce(sleep1Threshold: -1); // yields to any thread that is ready to run; never sleeps
                continue;
            }

            Block(pendingWait, due, now);
            started = Stopwatch.GetTimestamp(); // woken for a lazy write: its save may follow, so poll again
            spin = false;
        }
    }

    private ValueTask<bool> Waited(long started, bool more)
    {
        lastGap = Stopwatch.GetTimestamp() - started;
        return new ValueTask<bool>(more);
    }

#pragma warning disable VSTHRD002 // the writer's own thread has nothing else to do while the queue is empty
    /// <summary>Blocks the writer's own thread until the queue has something or, when lazy writes wait, until they are due.</summary>
    private void Block(Task<bool> wait, long due, long now)
    {
        if (due != long.MaxValue)
        {
            // Whole milliseconds, rounded up: a wait of 0 would return at once and turn the rest into a busy loop.
            wait.Wait((int)Math.Ceiling((due - now) * 1000.0 / Stopwatch.Frequency));
            return;
        }

        Volatile.Write(ref asleep, 1);
        Interlocked.MemoryBarrier(); // a lazy write added from here on sees it; one added before is seen below
        if (lazy.DueAt == long.MaxValue)
        {
            wait.Wait();
        }

        Volatile.Write(ref asleep, 0);
    }
#pragma warning restore VSTHRD002

    /// <summary>After a lazy write is queued: wakes the writer's own thread if it blocks without a due time.</summary>
    private void WakeIfAsleep()
    {
        Interlocked.MemoryBarrier(); // pairs with Block's: the write is queued before asleep is read
        if (Volatile.Read(ref asleep) == 1 && Interlocked.Exchange(ref asleep, 0) == 1)
        {
            channel.Writer.TryWrite(Wake.Instance);
        }
    }

    /// <summary>Drops the wake-ups at the head of the queue; true when a write follows them.</summary>
    private bool DropWakes()
    {
        while (channel.Reader.TryPeek(out var item))
        {
            if (item is not Wake)
            {
                return true;
            }

            channel.Reader.TryRead(out _);
        }

        return false;
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
