using System.Collections.Concurrent;
using System.Threading.Channels;
using Merlin.Core.Executions;
using Merlin.Core.Storage;

namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>
/// Execution changes within one process: per execution, its subscribers (a channel per follower, a task per waiter);
/// listeners called on the publisher's thread. A <c>?wait=true</c> request costs one small subscription and one task,
/// not a channel.
/// </summary>
public sealed class InProcessExecutionChanges : IExecutionChanges
{
    private readonly ConcurrentDictionary<string, Subscribers> _subscribers = new();

    /// <summary>Executions whose end the store refused, until that end is committed and published.</summary>
    private readonly ConcurrentDictionary<string, StorageFaultException> _unsavedEnds = new();

    private readonly Listeners<Execution> _created = new();
    private readonly Listeners<Execution> _changed = new();

    public IDisposable OnChanged(Action<Execution> listener) => _changed.Add(listener);

    public IDisposable OnLocalChanged(Action<Execution> listener) => OnChanged(listener); // every change is this process's

    public IDisposable OnCreated(Action<Execution> listener) => _created.Add(listener);

    public ChannelReader<Execution> Follow(string executionId, CancellationToken cancellationToken)
    {
        var follower = new Follower();
        var set = Subscribe(executionId, follower);
        cancellationToken.Register(() =>
        {
            Unsubscribe(executionId, set, follower);
            follower.Channel.Writer.TryComplete();
        });
        return follower.Channel.Reader;
    }

    public async Task<Execution> WaitAsync(string executionId, Func<CancellationToken, Task<Execution?>> current, CancellationToken cancellationToken, bool untilPaused = false)
    {
        var waiter = new Waiter(untilPaused);
        var set = Subscribe(executionId, waiter);
        try
        {
            // Subscribed first, then the stored state is read, so a change between the two is not missed.
            var execution = await current(cancellationToken);
            if (execution is not null && Done(execution, untilPaused))
            {
                return execution;
            }

            if (_unsavedEnds.TryGetValue(executionId, out var fault))
            {
                throw fault; // it ended before this waiter subscribed, and its end is not stored yet
            }

            await using var cancelled = cancellationToken.Register(static (w, token) => ((Waiter)w!).TrySetCanceled(token), waiter);
            return await waiter.Task;
        }
        finally
        {
            Unsubscribe(executionId, set, waiter);
        }
    }

    public void PublishCreated(Execution execution) => _created.Publish(execution);

    public void Publish(Execution execution)
    {
        var terminated = execution.State.IsTerminated;
        if (terminated)
        {
            _unsavedEnds.TryRemove(execution.Id, out _);
        }

        if (_subscribers.TryGetValue(execution.Id, out var set))
        {
            lock (set)
            {
                // Channel writes and task completions (continuations run elsewhere) never block: safe under the lock.
                set.Items.RemoveAll(s => s.Deliver(execution));
                if (terminated)
                {
                    Close(execution.Id, set);
                }
            }
        }

        _changed.Publish(execution);
    }

    public void PublishFault(string executionId, StorageFaultException fault)
    {
        _unsavedEnds[executionId] = fault;
        if (_subscribers.TryGetValue(executionId, out var set))
        {
            lock (set)
            {
                set.Items.RemoveAll(s => s is Waiter waiter && waiter.TrySetException(fault));
            }
        }
    }

    private Subscribers Subscribe(string executionId, Subscriber subscriber)
    {
        while (true)
        {
            var set = _subscribers.GetOrAdd(executionId, static _ => new Subscribers());
            lock (set)
            {
                if (!set.Closed)
                {
                    set.Items.Add(subscriber);
                    return set;
                }
            }
        }
    }

    private void Unsubscribe(string executionId, Subscribers set, Subscriber subscriber)
    {
        lock (set)
        {
            if (set.Items.Remove(subscriber) && set.Items.Count == 0 && !set.Closed)
            {
                Close(executionId, set);
            }
        }
    }

    /// <summary>Under the set's lock: a closed set takes no subscriber, so none is left in a set nobody publishes to.</summary>
    private void Close(string executionId, Subscribers set)
    {
        set.Closed = true;
        _subscribers.TryRemove(KeyValuePair.Create(executionId, set));
    }

    private static bool Done(Execution execution, bool untilPaused) =>
        execution.State.IsTerminated || (untilPaused && execution.State.Current == StateType.PAUSED);

    /// <summary>One execution's subscribers; locked on itself.</summary>
    private sealed class Subscribers
    {
        public List<Subscriber> Items { get; } = new(1);

        public bool Closed { get; set; }
    }

    private abstract class Subscriber
    {
        /// <summary>Hands a change over; true when the subscriber wants no more.</summary>
        public abstract bool Deliver(Execution execution);
    }

    private sealed class Follower : Subscriber
    {
        public Channel<Execution> Channel { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<Execution>(new UnboundedChannelOptions { SingleReader = true });

        public override bool Deliver(Execution execution)
        {
            Channel.Writer.TryWrite(execution);
            if (!execution.State.IsTerminated)
            {
                return false;
            }

            Channel.Writer.TryComplete();
            return true;
        }
    }

    private sealed class Waiter(bool untilPaused) : Subscriber
    {
        private readonly TaskCompletionSource<Execution> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Execution> Task => _done.Task;

        public override bool Deliver(Execution execution) => Done(execution, untilPaused) && _done.TrySetResult(execution);

        public bool TrySetCanceled(CancellationToken token) => _done.TrySetCanceled(token);

        public bool TrySetException(Exception error) => _done.TrySetException(error);
    }
}
