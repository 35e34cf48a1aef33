using System.Collections.Concurrent;
using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Storage.Postgres.Messaging;

/// <summary>
/// Reads from the store the executions other processes said changed, and hands each to <c>deliver</c>. Notices of one
/// execution that arrive while it waits are merged (only the latest stored state matters). Notices are sent by the
/// transaction that stores the change, so a copy older than its notice is rare (a reader on a lagging replica, an older
/// sender): it is read again a few times, sooner first; the slow re-check of followed executions catches up the rest.
/// </summary>
internal sealed class ExecutionChangeReader : IAsyncDisposable
{
    private const int Readers = 2;
    private const int MaxAttempts = 6; // 25 + 50 + ... + 800 ms: well past a checkpoint, short of a re-check
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(25);

    private readonly IExecutionRepository executions;
    private readonly Func<Execution, bool> deliver;
    private readonly TimeProvider clock;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, Pending> pending = new();
    private readonly Channel<string> ready = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource stopping = new();
    private readonly CancellationToken stop;
    private readonly Task[] loops;

    public ExecutionChangeReader(IExecutionRepository executions, Func<Execution, bool> deliver, TimeProvider clock, ILogger logger)
    {
        this.executions = executions;
        this.deliver = deliver;
        this.clock = clock;
        this.logger = logger;
        stop = stopping.Token; // kept: retries still pending at disposal see it cancelled
        loops = Enumerable.Range(0, Readers).Select(_ => Task.Run(() => ReadAsync(stop))).ToArray();
    }

    /// <summary>Reads <paramref name="id"/> soon; while it is older than <paramref name="version"/>, again a few times.</summary>
    public void Enqueue(string id, ExecutionVersion version) => Enqueue(id, new Pending(version, 0));

    /// <summary>Reads <paramref name="id"/> once, whatever it holds (a re-check: nothing says what to expect).</summary>
    public void Recheck(string id) => Enqueue(id, new Pending(default, MaxAttempts));

    private void Enqueue(string id, Pending next)
    {
        var added = false;
        pending.AddOrUpdate(
            id,
            _ =>
            {
                added = true;
                return next;
            },
            (_, known) => new Pending(known.Version > next.Version ? known.Version : next.Version, Math.Min(known.Attempt, next.Attempt)));
        if (added)
        {
            ready.Writer.TryWrite(id);
        }
    }

    private async Task ReadAsync(CancellationToken cancellation)
    {
        try
        {
            await foreach (var id in ready.Reader.ReadAllAsync(cancellation))
            {
                if (pending.TryRemove(id, out var wanted))
                {
                    await ReadOneAsync(id, wanted, cancellation);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
    }

    private async Task ReadOneAsync(string id, Pending wanted, CancellationToken cancellation)
    {
        try
        {
            var stored = await executions.GetAsync(id, cancellation);
            if ((stored is null || ExecutionVersion.Of(stored) < wanted.Version) && wanted.Attempt < MaxAttempts)
            {
                RetryLater(id, wanted); // older than announced: its checkpoint is on its way, and followers have this copy already
            }
            else if (stored is not null)
            {
                deliver(stored);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            logger.LogDebug(e, "Reading execution {ExecutionId} after a change notification failed", id);
            if (wanted.Attempt < MaxAttempts)
            {
                RetryLater(id, wanted);
            }
        }
    }

    private void RetryLater(string id, Pending wanted)
    {
        var delay = FirstRetry * (1 << wanted.Attempt);
        _ = RetryAsync();

        async Task RetryAsync()
        {
            try
            {
                await Task.Delay(delay, clock, stop);
                Enqueue(id, wanted with { Attempt = wanted.Attempt + 1 });
            }
            catch (OperationCanceledException)
            {
                // Stopping: nothing left to deliver to.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        stopping.Dispose();
    }

    private readonly record struct Pending(ExecutionVersion Version, int Attempt);
}
