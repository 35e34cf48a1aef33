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
    /// <summary>Whether this executor applies a partition's messages.</summary>
    private readonly bool[] _owned = new bool[queue.Partitions];

    /// <summary>Whether it may still save for a partition's executions (false once another executor may own them).</summary>
    private readonly bool[] _saving = new bool[queue.Partitions];

    /// <summary>The partitions whose loop is applying a message now.</summary>
    private readonly int[] _busy = new int[queue.Partitions];
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
                _saving[partition] = true;
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
                _saving[partition] = false;
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

    public async Task ReleaseAsync(IReadOnlyCollection<int> partitions)
    {
        lock (_ownershipLock)
        {
            foreach (var partition in partitions)
            {
                _owned[partition] = false;
            }
        }

        Interlocked.MemoryBarrier();
        while (partitions.Any(p => Volatile.Read(ref _busy[p]) != 0))
        {
            await Task.Delay(1); // a message being applied finishes in microseconds to a commit's latency
        }

        await FlushDirtyAsync();
        Lost(partitions);
    }

    private bool Owns(int partition) => Volatile.Read(ref _owned[partition]);

    private bool Saves(int partition) => Volatile.Read(ref _saving[partition]);

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
