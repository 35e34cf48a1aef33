using System.Collections.Concurrent;
using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>Execution changes within one process: a channel per follower, listeners called on the publisher's thread.</summary>
public sealed class InProcessExecutionChanges : IExecutionChanges
{
    private const byte Waiter = 1;

    /// <summary>Per execution, its open channels, each marked follower (0) or <see cref="Waiter"/>.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<Execution>, byte>> _followers = new();

    /// <summary>Executions whose end the store refused, until that end is committed and published.</summary>
    private readonly ConcurrentDictionary<string, StorageFaultException> _unsavedEnds = new();

    private readonly Listeners<Execution> _created = new();
    private readonly Listeners<Execution> _changed = new();

    public IDisposable OnChanged(Action<Execution> listener) => _changed.Add(listener);

    public IDisposable OnLocalChanged(Action<Execution> listener) => OnChanged(listener); // every change is this process's

    public IDisposable OnCreated(Action<Execution> listener) => _created.Add(listener);

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

    public void PublishCreated(Execution execution) => _created.Publish(execution);

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

        _changed.Publish(execution);
    }

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
