using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Storage;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executor;

/// <summary>Write-behind of progress and the retry of what the store refused (storage faults).</summary>
public sealed partial class Executor
{
    private readonly SemaphoreSlim _flushing = new(1, 1);

    /// <summary>
    /// Write-behind of progress: woken when an execution changes, waits a short window so that fast executions
    /// reach their terminal state (committed directly) without an intermediate commit, then saves what is left.
    /// </summary>
    private async Task CheckpointLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            var retryDelay = StoreRetry.FirstDelay;
            while (!stoppingToken.IsCancellationRequested)
            {
                await _dirtySignal.WaitAsync(stoppingToken);
                await Task.Delay(CheckpointDelay, stoppingToken);
                while (_dirtySignal.CurrentCount > 0 && _dirtySignal.Wait(0, CancellationToken.None))
                {
                }

                var refusal = await FlushDirtyAsync();
                if (refusal is null)
                {
                    if (retryDelay != StoreRetry.FirstDelay)
                    {
                        logger.LogInformation("The store takes writes again: the progress kept in memory is saved");
                    }

                    retryDelay = StoreRetry.FirstDelay;
                    continue;
                }

                // The store refused (disk full, read-only): everything unsaved was kept; try again, backing off,
                // until it takes the writes, so every accepted execution finishes without a restart.
                if (retryDelay == StoreRetry.FirstDelay)
                {
                    logger.LogWarning("The store refuses writes, progress of running executions is kept in memory and retried: {Fault}", refusal.Message);
                }

                await Task.Delay(retryDelay, stoppingToken);
                retryDelay = StoreRetry.Next(retryDelay);
                _dirtySignal.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Saves every pending checkpoint and unsaved end; returns the store's fault when it refused some (they are kept for the next try).</summary>
    private async Task<StorageFaultException?> FlushDirtyAsync()
    {
        // One flush at a time: a flush that finds nothing left to save must still wait for the saves another flush has
        // in flight (handing a partition over frees its lease only once its last checkpoint is committed).
        await _flushing.WaitAsync();
        try
        {
            return await FlushDirtyOnceAsync();
        }
        finally
        {
            _flushing.Release();
        }
    }

    private async Task<StorageFaultException?> FlushDirtyOnceAsync()
    {
        var saves = new List<(Execution Snapshot, Task Save)>();
        foreach (var id in _dirty.Keys)
        {
            lock (_saveOrder)
            {
                if (_dirty.TryRemove(id, out var snapshot) && Saves(queue.PartitionOf(id)))
                {
                    saves.Add((snapshot, executions.CheckpointAsync(snapshot, CancellationToken.None)));
                }
            }
        }

        var ends = _unsavedEnds.Select(e => (e.Value, Save: executions.SaveAsync(e.Value.End, CancellationToken.None))).ToList();
        StorageFaultException? refusal = null;
        foreach (var (snapshot, save) in saves)
        {
            if (await SavedAsync(save, snapshot.Id, "checkpoint") is not { } fault)
            {
                continue;
            }

            refusal = fault;
            KeepForRetry(snapshot);
        }

        foreach (var ((end, actions), save) in ends)
        {
            if (await SavedAsync(save, end.Id, "end") is not { } fault)
            {
                _unsavedEnds.TryRemove(end.Id, out _);
                Ended(end);
                foreach (var action in actions)
                {
                    await ActAsync(end, action);
                }
            }
            else
            {
                refusal = fault;
            }
        }

        return refusal;
    }

    /// <summary>
    /// Commits progress at once instead of write-behind. Before Loop iterations are stored: an iteration must never be
    /// stored while its parent's stored state does not name it, or a crash in between has recovery start the same item
    /// again under a new id. When the store refuses, the state stays for the checkpoint loop (the iterations start
    /// anyway: their own saves wait for the store too).
    /// </summary>
    private async Task CheckpointNowAsync(Execution updated)
    {
        Task save;
        lock (_saveOrder)
        {
            if (!Saves(queue.PartitionOf(updated.Id)))
            {
                return; // handed over meanwhile: the new owner replays from its store
            }

            _dirty.TryRemove(updated.Id, out _);
            save = executions.CheckpointAsync(updated, CancellationToken.None);
        }

        if (await SavedAsync(save, updated.Id, "checkpoint") is not null)
        {
            KeepForRetry(updated);
            _dirtySignal.Release();
        }
    }

    /// <summary>A checkpoint the store refused goes back to the write-behind set, unless a newer state or an unsaved end replaced it meanwhile.</summary>
    private void KeepForRetry(Execution snapshot)
    {
        if (!live.TryGet(snapshot.Id, out _))
        {
            return;
        }

        lock (_saveOrder)
        {
            if (!_unsavedEnds.ContainsKey(snapshot.Id))
            {
                _dirty.TryAdd(snapshot.Id, snapshot);
            }
        }
    }

    /// <summary>Awaits a save: the fault when the store refused it (retried later); other errors are logged and dropped.</summary>
    private async Task<StorageFaultException?> SavedAsync(Task save, string id, string what)
    {
        try
        {
            await save;
        }
        catch (StorageFaultException fault)
        {
            return fault;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to save the {What} of execution {ExecutionId}", what, id);
        }

        return null;
    }
}
