using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executions;

/// <summary>
/// Applies events to executions, one writer per execution: events are partitioned by execution id onto a
/// few loops, each running <see cref="ExecutionEngine.Advance"/>, committing, then acting. Terminal states are
/// committed before anyone is told; intermediate states are committed in the background (group commit).
/// </summary>
public sealed class Executor(
    ExecutionEngine engine,
    FlowService flows,
    IExecutionRepository executions,
    ExecutionNotifier notifier,
    TaskWorker worker,
    SubflowLauncher subflows,
    ExecutionLogWriter logs,
    WakeupTimer timer,
    ConcurrencyGate gate,
    TimeProvider clock,
    ILogger<Executor> logger) : BackgroundService
{
    private readonly Channel<(string Id, ExecutionEvent Event, long Queued)>[] _partitions =
        Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2))
            .Select(_ => Channel.CreateUnbounded<(string, ExecutionEvent, long)>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();

    /// <summary>How long progress may stay uncommitted; a terminal state is always committed at once.</summary>
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Execution> _live = new();
    private long _maxLag;
    private int _queued; // the single-reader channels cannot count their items
    private readonly ConcurrentDictionary<string, Execution> _dirty = new();
    private readonly SemaphoreSlim _dirtySignal = new(0);
    private readonly Lock _saveOrder = new();

    /// <summary>Hands a new, already committed execution to the executor.</summary>
    public void Submit(Execution execution)
    {
        notifier.PublishCreated(execution);
        _live[execution.Id] = execution;
        Send(execution.Id, new ExecutionEvent.Tick());
    }

    /// <summary>Events waiting in the executor's queues (a gauge: sustained growth means the executor falls behind).</summary>
    public int QueueDepth => Volatile.Read(ref _queued);

    /// <summary>The longest time an event waited in a queue since the last call (the executor loop's lag), then resets.</summary>
    public TimeSpan TakeMaxLag() => Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _maxLag, 0));

    public void Send(string executionId, ExecutionEvent @event)
    {
        Interlocked.Increment(ref _queued);
        _partitions[(int)((uint)executionId.GetHashCode(StringComparison.Ordinal) % (uint)_partitions.Length)].Writer.TryWrite((executionId, @event, Stopwatch.GetTimestamp()));
    }

    /// <summary>The latest state (possibly not yet committed) of a running execution, else the stored one.</summary>
    public async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        _live.TryGetValue(id, out var live) ? live : await executions.GetAsync(id, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        worker.Reported += (executionId, report) => Send(executionId, report);
        var unfinished = await executions.ListUnfinishedAsync(stoppingToken);
        foreach (var execution in unfinished.OrderBy(e => e.State.StartDate))
        {
            _live[execution.Id] = execution;
            if (execution.State.Current != StateType.CREATED)
            {
                gate.Restore(execution.Namespace, execution.FlowId, execution.Id, queued: execution.State.Current == StateType.QUEUED);
            }

            Send(execution.Id, new ExecutionEvent.Recover());
        }

        if (unfinished.Count > 0)
        {
            logger.LogInformation("Resuming {Count} unfinished executions", unfinished.Count);
        }

        try
        {
            await Task.WhenAll(_partitions.Select(p => RunPartitionAsync(p.Reader, stoppingToken)).Append(CheckpointLoopAsync(stoppingToken)));
        }
        finally
        {
            await FlushDirtyAsync();
        }
    }

    /// <summary>
    /// Write-behind of progress: woken when an execution changes, waits a short window so that fast executions
    /// reach their terminal state (committed directly) without an intermediate commit, then saves what is left.
    /// </summary>
    private async Task CheckpointLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await _dirtySignal.WaitAsync(stoppingToken);
                await Task.Delay(CheckpointDelay, stoppingToken);
                while (_dirtySignal.CurrentCount > 0 && _dirtySignal.Wait(0, CancellationToken.None))
                {
                }

                await FlushDirtyAsync();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FlushDirtyAsync()
    {
        var saves = new List<Task>();
        foreach (var id in _dirty.Keys)
        {
            lock (_saveOrder)
            {
                if (_dirty.TryRemove(id, out var snapshot))
                {
                    saves.Add(executions.SaveAsync(snapshot, CancellationToken.None));
                }
            }
        }

        try
        {
            await Task.WhenAll(saves);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to checkpoint running executions");
        }
    }

    /// <summary>Keeps the largest wait (timestamp ticks) without a lock: one compare-exchange per event at most.</summary>
    private void RecordLag(long ticks)
    {
        var current = Interlocked.Read(ref _maxLag);
        while (ticks > current && Interlocked.CompareExchange(ref _maxLag, ticks, current) is var seen && seen != current)
        {
            current = seen;
        }
    }

    private async Task RunPartitionAsync(ChannelReader<(string Id, ExecutionEvent Event, long Queued)> reader, CancellationToken stoppingToken)
    {
        await foreach (var (id, @event, queued) in reader.ReadAllAsync(stoppingToken))
        {
            Interlocked.Decrement(ref _queued);
            RecordLag(Stopwatch.GetTimestamp() - queued);
            try
            {
                await ProcessAsync(id, @event, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Failed to advance execution {ExecutionId}", id);
            }
        }
    }

    private async Task ProcessAsync(string id, ExecutionEvent @event, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (execution is null || (execution.State.IsTerminated && @event is not ExecutionEvent.Restart))
        {
            return;
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        if (flow.Concurrency is { } limit && execution.State.Current == StateType.CREATED && execution.TaskRunList.IsEmpty
            && Admit(execution, limit) is { } refused)
        {
            await CommitAsync(refused, cancellationToken);
            return;
        }

        var result = engine.Advance(flow, execution, @event, clock.GetUtcNow());
        if (ReferenceEquals(result.Execution, execution) && result.Actions.Count == 0)
        {
            return;
        }

        var updated = result.Execution;
        await CommitAsync(updated, cancellationToken);
        foreach (var action in result.Actions)
        {
            Act(updated, action);
        }
    }

    /// <summary>
    /// Saves and publishes a new state. Terminal states are committed before anyone is told; progress is
    /// checkpointed by the write-behind loop. The lock keeps a stale checkpoint from landing after a terminal save.
    /// </summary>
    private async Task CommitAsync(Execution updated, CancellationToken cancellationToken)
    {
        var id = updated.Id;
        if (updated.State.IsTerminated)
        {
            Task save;
            lock (_saveOrder)
            {
                _dirty.TryRemove(id, out _);
                save = executions.SaveAsync(updated, cancellationToken);
            }

            await save;
            _live.TryRemove(id, out _);
        }
        else
        {
            _live[id] = updated;
            _dirty[id] = updated;
            _dirtySignal.Release();
        }

        notifier.Publish(updated);
        if (updated.State.IsTerminated)
        {
            subflows.OnTerminated(updated);
            if (gate.Release(updated.Namespace, updated.FlowId, id) is { } next)
            {
                Send(next, new ExecutionEvent.Admitted());
            }
        }
    }

    /// <summary>Applies the flow's concurrency limit to a new execution; returns its refused state, or null when admitted.</summary>
    private Execution? Admit(Execution execution, Core.Flows.ConcurrencyLimit limit)
    {
        var now = clock.GetUtcNow();
        switch (gate.TryAdmit(execution.Namespace, execution.FlowId, execution.Id, limit))
        {
            case ConcurrencyGate.Decision.Queue:
                return execution.WithState(StateType.QUEUED, now);
            case ConcurrencyGate.Decision.Cancel:
                return execution.WithState(StateType.CANCELLED, now);
            case ConcurrencyGate.Decision.Fail:
                logs.Write(execution, null, null, Core.Executions.LogLevel.ERROR, "Flow is FAILED due to concurrency limit exceeded");
                return execution.WithState(StateType.FAILED, now);
            default:
                return null;
        }
    }

    private void Act(Execution execution, ExecutionAction action)
    {
        switch (action)
        {
            case ExecutionAction.RunTask run:
                worker.Enqueue(execution, run);
                break;
            case ExecutionAction.KillTask kill:
                worker.Kill(kill.TaskRunId);
                break;
            case ExecutionAction.WakeAt wake:
                timer.At(wake.Date, () => Send(execution.Id, new ExecutionEvent.Wakeup()));
                break;
            case ExecutionAction.StartSubflow start:
                subflows.Start(execution, start);
                break;
            case ExecutionAction.KillChild child:
                Send(child.ChildExecutionId, new ExecutionEvent.Kill());
                break;
            case ExecutionAction.Log log:
                logs.Write(execution, log.TaskRunId, log.TaskId, log.Level, log.Message);
                break;
        }
    }
}
