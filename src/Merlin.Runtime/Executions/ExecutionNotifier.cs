using System.Collections.Concurrent;
using System.Threading.Channels;
using Merlin.Core.Executions;

namespace Merlin.Runtime.Executions;

/// <summary>
/// Tells waiters about execution changes without polling: <c>?wait=true</c> awaits the terminal state,
/// SSE followers get every committed change, flow triggers see every end.
/// </summary>
public sealed class ExecutionNotifier
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Channel<Execution>, byte>> _followers = new();

    /// <summary>Raised when a new execution is handed to the executor (on the creating request's thread, so its trace is current).</summary>
    public event Action<Execution>? Created;

    /// <summary>Raised after a change is committed (terminal ones included).</summary>
    public event Action<Execution>? Changed;

    /// <summary>Follows an execution: the returned reader yields each change and completes after a terminal one.</summary>
    public ChannelReader<Execution> Follow(string executionId, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<Execution>(new UnboundedChannelOptions { SingleReader = true });
        var set = _followers.GetOrAdd(executionId, _ => new());
        set[channel] = 0;
        cancellationToken.Register(() =>
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>Waits until the execution is terminated (or paused, when <paramref name="untilPaused"/>).</summary>
    public async Task<Execution> WaitAsync(string executionId, Func<CancellationToken, Task<Execution?>> current, CancellationToken cancellationToken, bool untilPaused = false)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Follow(executionId, stop.Token);
        try
        {
            // Subscribe first, then read the stored state, so a change between the two is not missed.
            var execution = await current(cancellationToken);
            if (execution is not null && Done(execution, untilPaused))
            {
                return execution;
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

    private static bool Done(Execution execution, bool untilPaused) =>
        execution.State.IsTerminated || (untilPaused && execution.State.Current == StateType.PAUSED);
}
