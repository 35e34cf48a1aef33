using System.Collections.Concurrent;
using System.Diagnostics;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Limits;
using Merlin.Core.Storage;
using Merlin.Runtime.Executions;
using Merlin.Runtime.Flows;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Storage;
using Merlin.Runtime.Worker;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Applies events to executions, one writer per execution: each partition of <see cref="IExecutionQueue"/> is read by
/// one loop, running <see cref="ExecutionEngine.Advance"/>, committing, then acting. Terminal states are
/// committed before anyone is told; intermediate states are committed in the background (group commit).
/// </summary>
public sealed partial class Executor(
    ExecutionEngine engine,
    EngineEnvironment environment,
    FlowService flows,
    IExecutionRepository executions,
    IExecutionQueue queue,
    ILiveExecutions live,
    IExecutionChanges notifier,
    IWorkerJobQueue jobs,
    WorkingDirectories directories,
    SubflowLauncher subflows,
    LoopValuesReader loopValues,
    LoopIterationLauncher loopIterations,
    ExecutionLogWriter logs,
    WakeupTimer timer,
    ConcurrencyGate gate,
    IExecutionOwnership ownership,
    IRecoveryJournal journal,
    LimitOptions limits,
    TimeProvider clock,
    ILogger<Executor> logger) : BackgroundService, IExecutionOwner
{
    /// <summary>How long progress may stay uncommitted; a terminal state is always committed at once.</summary>
    private static readonly TimeSpan CheckpointDelay = TimeSpan.FromMilliseconds(50);

    private long _maxLag;
    private readonly ConcurrentDictionary<string, Execution> _dirty = new();

    /// <summary>Ends the store refused to commit (disk full...), with their actions: retried by the checkpoint loop, told to nobody until committed.</summary>
    private readonly ConcurrentDictionary<string, (Execution End, IReadOnlyList<ExecutionAction> Actions)> _unsavedEnds = new();
    private readonly SemaphoreSlim _dirtySignal = new(0);
    private readonly Lock _saveOrder = new();

    /// <summary>Executions replayed at start-up whose replay has not completed yet (their attempt is in the journal).</summary>
    private readonly ConcurrentDictionary<string, byte> _replaying = new();

    /// <summary>Events waiting in the executor's queues (a gauge: sustained growth means the executor falls behind).</summary>
    public int QueueDepth => queue.Depth;

    /// <summary>The longest time an event waited in a queue since the last call (the executor loop's lag), then resets.</summary>
    public TimeSpan TakeMaxLag() => Stopwatch.GetElapsedTime(0, Interlocked.Exchange(ref _maxLag, 0));

    /// <summary>
    /// Sends from where nothing can await (a timer, the end of an execution): in process the event is queued at once; a
    /// backend that fails to take it has the failure logged.
    /// </summary>
    private void Post(string executionId, ExecutionEvent @event)
    {
        var sent = queue.SendAsync(executionId, @event, CancellationToken.None);
        if (!sent.IsCompletedSuccessfully)
        {
            _ = LogUnsentAsync(sent, executionId, @event);
        }
    }

    private async Task LogUnsentAsync(Task sent, string executionId, ExecutionEvent @event)
    {
        try
        {
            await sent;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not send {Event} to execution {ExecutionId}", @event.GetType().Name, executionId);
        }
    }

    /// <summary>The latest state (possibly not yet committed) of a running execution, else the stored one.</summary>
    private async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        live.TryGet(id, out var running) ? running : await executions.GetAsync(id, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, queue.Partitions).Select(p => RunPartitionAsync(p, stoppingToken))
                .Append(CheckpointLoopAsync(stoppingToken))
                .Append(ownership.RunAsync(this, stoppingToken)));
        }
        finally
        {
            await FlushDirtyAsync(); // best effort: what the store still refuses is replayed from the last commit at the next start
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // A normal stop: no replay in progress took the process down.
        try
        {
            await journal.ClearAllAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not clear the replay attempts at shutdown; the next start counts them once more");
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

    private async Task RunPartitionAsync(int partition, CancellationToken stoppingToken)
    {
        await Owned(partition).WaitAsync(stoppingToken); // its unfinished executions are replayed first
        await foreach (var (id, @event, reply, queued, ack) in queue.ReadAsync(partition, stoppingToken))
        {
            RecordLag(Stopwatch.GetTimestamp() - queued);
            Interlocked.Exchange(ref _busy[partition], 1); // a full fence: a release sees it busy, or this loop sees it released
            if (!Owns(partition))
            {
                Volatile.Write(ref _busy[partition], 0);
                continue; // handed over: the new owner reads it from the queue (the release waits only for messages that started)
            }

            try
            {
                var result = await ProcessAsync(id, @event, ack, stoppingToken);
                Consumed(ack);
                reply?.Applied(result);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                await FailAsync(id, e, stoppingToken);
                Consumed(ack);
                reply?.Failed(e);
            }
            finally
            {
                Volatile.Write(ref _busy[partition], 0);
            }
        }
    }

    /// <param name="ack">Told once the event is applied: before its execution's terminal save, so that save deletes it.</param>
    private async Task<Execution?> ProcessAsync(string id, ExecutionEvent @event, IExecutionAck? ack, CancellationToken cancellationToken)
    {
        if (_unsavedEnds.TryGetValue(id, out var ended))
        {
            return ended.End; // it has ended; only its commit is pending
        }

        var execution = await GetAsync(id, cancellationToken);
        if (execution is null || (execution.State.IsTerminated && !ExecutionEngine.AppliesToTerminated(@event)))
        {
            return execution;
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        var result = Advance(flow, execution, @event);
        await ReplayProgressedAsync(id, @event, result);
        if (ReferenceEquals(result.Execution, execution) && result.Actions.Count == 0)
        {
            return execution;
        }

        var updated = CheckOutputs(execution, result.Execution);
        if (!await CommitAsync(updated, cancellationToken, result.Actions, ack))
        {
            return updated; // kept for the checkpoint loop to commit; acted on once it is
        }

        if (!updated.State.IsTerminated && result.Actions.Any(a => a is ExecutionAction.StartLoopIteration))
        {
            await CheckpointNowAsync(updated);
        }

        foreach (var action in result.Actions)
        {
            await ActAsync(updated, action);
        }

        directories.Release(updated);
        return updated;
    }

    /// <summary>
    /// A replay is complete once a task it restarted reported back, or at once when it restarted none: from then on a
    /// crash is not this execution's replay taking the process down. Forgotten before the new state is visible, once
    /// per replayed execution.
    /// </summary>
    private async Task ReplayProgressedAsync(string id, ExecutionEvent @event, AdvanceResult result)
    {
        var complete = @event switch
        {
            ExecutionEvent.Recover => !result.Actions.Any(a => a is ExecutionAction.RunTask or ExecutionAction.StartSubflow),
            ExecutionEvent.TaskRunReported or ExecutionEvent.SubflowReported => true,
            _ => result.Execution.State.IsTerminated,
        };
        if (!complete || !_replaying.TryRemove(id, out _))
        {
            return;
        }

        try
        {
            await journal.ClearAsync(id, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not clear the replay attempts of execution {ExecutionId}", id);
        }
    }

    /// <summary>Flow outputs are stored with the execution: too deep or too large, and the execution fails instead.</summary>
    private Execution CheckOutputs(Execution before, Execution after)
    {
        if (ReferenceEquals(before.Outputs, after.Outputs)
            || ValueBounds.Violation(after.Outputs, limits, limits.TaskMaxOutputSize, nameof(LimitOptions.TaskMaxOutputSize), "the flow outputs") is not { } refused)
        {
            return after;
        }

        logs.Write(after, null, null, Merlin.Sdk.Runs.LogLevel.ERROR, refused);
        return Failed(after with { Outputs = null });
    }

    /// <summary>
    /// Saves and publishes a new state. Terminal states are committed before anyone is told; progress is
    /// checkpointed by the write-behind loop. The lock keeps a stale checkpoint from landing after a terminal save.
    /// When the store refuses a terminal state, it is kept with its <paramref name="actions"/> for the checkpoint loop
    /// to retry, waiters get the fault, and false is returned: nothing is published or acted on until it is committed.
    /// </summary>
    /// <param name="applied">The message whose effect this state holds: a terminal save deletes it from a queue table in its transaction.</param>
    private async Task<bool> CommitAsync(Execution updated, CancellationToken cancellationToken, IReadOnlyList<ExecutionAction>? actions = null, IExecutionAck? applied = null)
    {
        var id = updated.Id;
        if (updated.State.IsTerminated)
        {
            Task save;
            lock (_saveOrder)
            {
                _dirty.TryRemove(id, out _);
                applied?.Consumed();
                save = executions.SaveAsync(updated, cancellationToken);
            }

            try
            {
                await save;
            }
            catch (StorageFaultException fault)
            {
                lock (_saveOrder)
                {
                    _dirty.TryRemove(id, out _);
                    _unsavedEnds[id] = (updated, actions ?? []);
                }

                notifier.PublishFault(id, new StorageFaultException(
                    $"{fault.Message} (execution '{id}' ended {updated.State.Current} but its end is not stored yet; it is saved once the store takes writes again)", fault.DiskFull, fault));
                _dirtySignal.Release();
                return false;
            }

            Ended(updated);
            return true;
        }

        live.Set(updated);
        _dirty[id] = updated;
        _dirtySignal.Release();
        notifier.Publish(updated);
        return true;
    }

    /// <summary>A terminal state is committed: forget it, tell waiters, parents and the concurrency gate.</summary>
    private void Ended(Execution ended)
    {
        live.Remove(ended.Id);
        notifier.Publish(ended);
        subflows.OnTerminated(ended);
        if (gate.Release(ended.Namespace, ended.FlowId, ended.Id) is { } next)
        {
            Post(next, new ExecutionEvent.Admitted());
        }
    }

    /// <summary>
    /// Advances with the flow's admitted count when the engine decides admission. The decision is recorded only if no
    /// other execution of the flow took or freed a slot in between; otherwise the advance, being pure, runs again.
    /// </summary>
    private AdvanceResult Advance(Core.Flows.Flow flow, Execution execution, ExecutionEvent @event)
    {
        var now = clock.GetUtcNow();
        if (!ExecutionEngine.NeedsAdmission(flow, execution))
        {
            return engine.Advance(flow, execution, @event, new AdvanceInput(now, environment));
        }

        while (true)
        {
            var admitted = gate.Admitted(execution.Namespace, execution.FlowId, execution.Id);
            var result = engine.Advance(flow, execution, @event, new AdvanceInput(now, environment, admitted));
            if (gate.TryRecord(execution.Namespace, execution.FlowId, execution.Id, admitted, result.Actions))
            {
                return result;
            }
        }
    }

    /// <summary>
    /// The next attempt of an execution that ended RETRIED, created and committed at once, scheduled for the retry date:
    /// it waits in the store (and recovery wakes it), not in a timer of this process.
    /// </summary>
    private async Task StartRetryAsync(Execution retried, DateTimeOffset startAt)
    {
        try
        {
            var flow = await flows.GetAsync(retried.Namespace, retried.FlowId, retried.FlowRevision, CancellationToken.None);
            var next = NewExecutionRetry.Next(retried, ExecutionIds.New(queue, flow, () => Ids.Create(environment.Ids)), clock.GetUtcNow(), startAt);
            await executions.SaveAsync(next, CancellationToken.None);
            notifier.Publish(next);
            await queue.SubmitAsync(next, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to start the retry of execution {ExecutionId}", retried.Id);
        }
    }

    /// <summary>Performs an action; in process every await here completes at once (a task starts inline on this loop).</summary>
    private async Task ActAsync(Execution execution, ExecutionAction action)
    {
        switch (action)
        {
            case ExecutionAction.RunTask run:
                await jobs.DispatchAsync(new WorkerJob
                {
                    TaskRun = run.TaskRun,
                    FlowRevision = execution.FlowRevision,
                    Variables = run.Variables,
                    Secrets = run.Secrets,
                    Trigger = execution.Trigger,
                    Directory = run.Directory,
                    Task = run.Task,
                    Execution = execution,
                }, CancellationToken.None);
                break;
            case ExecutionAction.KillTask kill:
                await jobs.KillAsync(kill.TaskRunId, CancellationToken.None);
                break;
            case ExecutionAction.WakeAt wake:
                timer.At(wake.Date, () => Post(execution.Id, new ExecutionEvent.Wakeup()));
                break;
            case ExecutionAction.StartSubflow start:
                subflows.Start(execution, start);
                break;
            case ExecutionAction.StartSubflowBatches batches:
                subflows.StartBatches(execution, batches);
                break;
            case ExecutionAction.StartLoopIteration iteration:
                loopIterations.Start(iteration.Iteration);
                break;
            case ExecutionAction.ReadLoopValues read:
                loopValues.Read(execution, read);
                break;
            case ExecutionAction.KillChild child:
                await queue.SendAsync(child.ChildExecutionId, new ExecutionEvent.Kill(), CancellationToken.None);
                break;
            case ExecutionAction.RetryInNewExecution retry:
                _ = StartRetryAsync(execution, retry.Date);
                break;
            case ExecutionAction.Continue:
                await queue.SendAsync(execution.Id, new ExecutionEvent.Tick(), CancellationToken.None);
                break;
            case ExecutionAction.Log log:
                logs.Write(execution, log.TaskRunId, log.TaskId, log.Level, log.Message);
                break;
        }
    }
}
