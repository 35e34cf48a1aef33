using System.Collections.Concurrent;
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
    private readonly Channel<(string Id, ExecutionEvent Event, TaskCompletionSource<Execution?>? Done)>[] _partitions =
        Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2))
            .Select(_ => Channel.CreateUnbounded<(string, ExecutionEvent, TaskCompletionSource<Execution?>?)>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();

    /// <summary>How long progress may stay uncommitted; a terminal state is always committed at once.</summary>
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Execution> _live = new();
    private readonly ConcurrentDictionary<string, Execution> _dirty = new();
    private readonly SemaphoreSlim _dirtySignal = new(0);
    private readonly Lock _saveOrder = new();

    /// <summary>Hands a new, already committed execution to the executor.</summary>
    public void Submit(Execution execution)
    {
        _live[execution.Id] = execution;
        Send(execution.Id, new ExecutionEvent.Tick());
    }

    public void Send(string executionId, ExecutionEvent @event) => Partition(executionId).TryWrite((executionId, @event, null));

    /// <summary>
    /// Sends an event and completes once it is applied and committed, with the execution as it left it (null when there is
    /// no such execution); an API answer that must show the new state (restart, pause) awaits this.
    /// </summary>
    public Task<Execution?> ApplyAsync(string executionId, ExecutionEvent @event)
    {
        var done = new TaskCompletionSource<Execution?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Partition(executionId).TryWrite((executionId, @event, done));
        return done.Task;
    }

    private ChannelWriter<(string, ExecutionEvent, TaskCompletionSource<Execution?>?)> Partition(string executionId) =>
        _partitions[(int)((uint)executionId.GetHashCode(StringComparison.Ordinal) % (uint)_partitions.Length)].Writer;

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

    private async Task RunPartitionAsync(ChannelReader<(string Id, ExecutionEvent Event, TaskCompletionSource<Execution?>? Done)> reader, CancellationToken stoppingToken)
    {
        await foreach (var (id, @event, done) in reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var result = await ProcessAsync(id, @event, stoppingToken);
                done?.TrySetResult(result);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Failed to advance execution {ExecutionId}", id);
                done?.TrySetException(e);
            }
        }
    }

    private async Task<Execution?> ProcessAsync(string id, ExecutionEvent @event, CancellationToken cancellationToken)
    {
        var execution = await GetAsync(id, cancellationToken);
        if (execution is null || (execution.State.IsTerminated && !ExecutionEngine.AppliesToTerminated(@event)))
        {
            return execution;
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        if (flow.Concurrency is { } limit && execution.State.Current == StateType.CREATED && execution.TaskRunList.IsEmpty
            && Admit(execution, limit) is { } refused)
        {
            await CommitAsync(refused, cancellationToken);
            return refused;
        }

        var result = engine.Advance(flow, execution, @event, clock.GetUtcNow());
        if (ReferenceEquals(result.Execution, execution) && result.Actions.Count == 0)
        {
            return execution;
        }

        var updated = result.Execution;
        await CommitAsync(updated, cancellationToken);
        foreach (var action in result.Actions)
        {
            Act(updated, action);
        }

        return updated;
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
            case ExecutionAction.Continue:
                Send(execution.Id, new ExecutionEvent.Tick());
                break;
            case ExecutionAction.Log log:
                logs.Write(execution, log.TaskRunId, log.TaskId, log.Level, log.Message);
                break;
        }
    }
}
