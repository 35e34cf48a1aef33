using Merlin.Runtime.Messaging;

namespace Merlin.Runtime.Executor;

/// <summary>
/// The partitions this executor owns (<see cref="IExecutionOwnership"/>): all of them in one process; across processes
/// those it leases. A partition's loop starts reading once its unfinished executions are replayed; a partition lost
/// is forgotten at once, so nothing stale of it is saved over its new owner's progress.
/// </summary>
public sealed partial class Executor
{
    private readonly Lock _ownershipLock = new();
    private readonly bool[] _owned = new bool[queue.Partitions];
    private readonly TaskCompletionSource[] _firstOwned = Enumerable.Range(0, queue.Partitions)
        .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();

    public async Task AcquiredAsync(IReadOnlyCollection<int> partitions, CancellationToken cancellationToken)
    {
        var acquired = partitions.ToHashSet();
        await RecoverAsync(id => acquired.Contains(queue.PartitionOf(id)), cancellationToken);
        lock (_ownershipLock)
        {
            foreach (var partition in acquired)
            {
                _owned[partition] = true;
                _firstOwned[partition].TrySetResult();
            }
        }
    }

    public void Lost(IReadOnlyCollection<int> partitions)
    {
        var lost = partitions.ToHashSet();
        lock (_ownershipLock)
        {
            foreach (var partition in lost)
            {
                _owned[partition] = false;
            }
        }

        bool Gone(string id) => lost.Contains(queue.PartitionOf(id));
        lock (_saveOrder)
        {
            foreach (var id in _dirty.Keys.Where(Gone))
            {
                _dirty.TryRemove(id, out _);
            }

            foreach (var id in _unsavedEnds.Keys.Where(Gone))
            {
                _unsavedEnds.TryRemove(id, out _);
            }
        }

        foreach (var id in _replaying.Keys.Where(Gone))
        {
            _replaying.TryRemove(id, out _);
        }

        live.RemoveWhere(Gone);
        gate.Forget(Gone);
    }

    public async Task FlushAsync(IReadOnlyCollection<int> partitions) => await FlushDirtyAsync();

    private bool Owns(int partition) => Volatile.Read(ref _owned[partition]);

    private Task Owned(int partition) => _firstOwned[partition].Task;

    /// <summary>The message is applied; under the checkpoints' lock, so the next checkpoint of its execution includes its effect.</summary>
    private void Consumed(IExecutionAck? ack)
    {
        if (ack is null)
        {
            return;
        }

        lock (_saveOrder)
        {
            ack.Consumed();
        }
    }
}
