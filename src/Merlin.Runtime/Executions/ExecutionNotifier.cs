using System.Collections.Concurrent;
using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Executions;

/// <summary>
/// Tells waiters about execution changes without polling: <c>?wait=true</c> awaits the terminal state,
/// SSE followers get every committed change, flow triggers see every end.
/// </summary>
public sealed class ExecutionNotifier
{
    private const byte Waiter = 1;

    /// <summary>Per execution, its open channels, each marked follower (0) or <see cref="Waiter"/>.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<Execution>, byte>> _followers = new();

    /// <summary>Executions whose end the store refused, until that end is committed and published.</summary>
    private readonly ConcurrentDictionary<string, StorageFaultException> _unsavedEnds = new();

    /// <summary>Raised when a new execution is handed to the executor (on the creating request's thread, so its trace is current).</summary>
    public event Action<Execution>? Created;

    /// <summary>Raised after a change is committed (terminal ones included).</summary>
    public event Action<Execution>? Changed;

    /// <summary>Follows an execution: the returned reader yields each change and completes after a terminal one.</summary>
    public ChannelReader<Execution> Follow(string executionId, CancellationToken cancellationToken) =>
        Follow(executionId, waiter: false, cancellationToken);

    private ChannelReader<Execution> Follow(string executionId, bool waiter, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<Execution>(new UnboundedChannelOptions { SingleReader = true });
        var set = _followers.GetOrAdd(executionId, _ => new());
        set[channel] = waiter ? Waiter : (byte)0;
        cancellationToken.Register(() =>
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>
    /// Waits until the execution is terminated (or paused, when <paramref name="untilPaused"/>). Throws the
    /// <see cref="StorageFaultException"/> when the store refuses to commit its end (see <see cref="PublishFault"/>).
    /// </summary>
    public async Task<Execution> WaitAsync(string executionId, Func<CancellationToken, Task<Execution?>> current, CancellationToken cancellationToken, bool untilPaused = false)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Follow(executionId, waiter: true, stop.Token);
        try
        {
            // Subscribe first, then read the stored state, so a change between the two is not missed.
            var execution = await current(cancellationToken);
            if (execution is not null && Done(execution, untilPaused))
            {
                return execution;
            }

            if (_unsavedEnds.TryGetValue(executionId, out var fault))
            {
                throw fault; // it ended before this waiter subscribed, and its end is not stored yet
            }

            await foreach (var change in reader.ReadAllAsync(cancellationToken))
            {
                if (Done(change, untilPaused))
                {
                    return change;
                }
            }

            throw new OperationCanceledException(cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }
    }

    public void PublishCreated(Execution execution) => Created?.Invoke(execution);

    public void Publish(Execution execution)
    {
        if (execution.State.IsTerminated)
        {
            _unsavedEnds.TryRemove(execution.Id, out _);
        }

        if (_followers.TryGetValue(execution.Id, out var set))
        {
            foreach (var channel in set.Keys)
            {
                channel.Writer.TryWrite(execution);
                if (execution.State.IsTerminated)
                {
                    channel.Writer.TryComplete();
                }
            }

            if (execution.State.IsTerminated)
            {
                _followers.TryRemove(execution.Id, out _);
            }
        }

        Changed?.Invoke(execution);
    }

    /// <summary>
    /// The execution's end could not be committed (disk full...): waiters get the fault instead of hanging, while
    /// followers (SSE) keep following, since the executor retries and the end is published once it is committed.
    /// </summary>
    public void PublishFault(string executionId, StorageFaultException fault)
    {
        _unsavedEnds[executionId] = fault;
        if (_followers.TryGetValue(executionId, out var set))
        {
            foreach (var (channel, kind) in set)
            {
                if (kind == Waiter && set.TryRemove(channel, out _))
                {
                    channel.Writer.TryComplete(fault);
                }
            }
        }
    }

    private static bool Done(Execution execution, bool untilPaused) =>
        execution.State.IsTerminated || (untilPaused && execution.State.Current == StateType.PAUSED);
}
