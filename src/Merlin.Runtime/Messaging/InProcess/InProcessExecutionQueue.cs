using System.Diagnostics;
using System.Threading.Channels;
using Merlin.Core.Engine;
using Merlin.Core.Executions;

namespace Merlin.Runtime.Messaging.InProcess;

/// <summary>
/// The executor's queues in one process: events are partitioned by execution id over <c>2 × cores</c> unbounded channels,
/// each read by one executor loop (one writer per execution). Sending never blocks, completes at once and allocates
/// nothing but the event.
/// </summary>
public sealed class InProcessExecutionQueue(ILiveExecutions live, IExecutionChanges changes) : IExecutionQueue
{
    private readonly Channel<ExecutionMessage>[] _partitions =
        Enumerable.Range(0, 64)
            .Select(_ => Channel.CreateUnbounded<ExecutionMessage>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();

    private int _queued; // the single-reader channels cannot count their items

    public int Partitions => _partitions.Length;

    public int Depth => Volatile.Read(ref _queued);

    public int PartitionOf(string executionId) => (int)((uint)executionId.GetHashCode(StringComparison.Ordinal) % (uint)_partitions.Length);

    public Task SubmitNewAsync(Execution execution, CancellationToken cancellationToken) => SubmitAsync(execution, cancellationToken);

    public Task SubmitAsync(Execution execution, CancellationToken cancellationToken)
    {
        changes.PublishCreated(execution);
        live.Set(execution); // readers see it before the executor reads its first event, and before its commit lands
        Enqueue(execution.Id, new ExecutionEvent.Tick(), null);
        return Task.CompletedTask;
    }

    public Task SendAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken)
    {
        Enqueue(executionId, @event, null);
        return Task.CompletedTask;
    }

    public Task<Execution?> ApplyAsync(string executionId, ExecutionEvent @event, CancellationToken cancellationToken)
    {
        var reply = new Reply();
        Enqueue(executionId, @event, reply);
        return reply.Task;
    }

    public async IAsyncEnumerable<ExecutionMessage> ReadAsync(int partition, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in _partitions[partition].Reader.ReadAllAsync(cancellationToken))
        {
            Interlocked.Decrement(ref _queued);
            yield return message;
        }
    }

    private void Enqueue(string executionId, ExecutionEvent @event, IExecutionReply? reply)
    {
        Interlocked.Increment(ref _queued);
        _partitions[PartitionOf(executionId)].Writer
            .TryWrite(new ExecutionMessage(executionId, @event, reply, Stopwatch.GetTimestamp()));
    }

    /// <summary>The reply is the awaited task itself: one allocation per <see cref="ApplyAsync"/>, as before.</summary>
    private sealed class Reply() : TaskCompletionSource<Execution?>(TaskCreationOptions.RunContinuationsAsynchronously), IExecutionReply
    {
        public void Applied(Execution? execution) => TrySetResult(execution);

        public void Failed(Exception error) => TrySetException(error);
    }
}
