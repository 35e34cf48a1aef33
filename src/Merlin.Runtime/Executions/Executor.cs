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
    TimeProvider clock,
    ILogger<Executor> logger) : BackgroundService
{
    private readonly Channel<(string Id, ExecutionEvent Event)>[] _partitions =
        Enumerable.Range(0, Math.Max(2, Environment.ProcessorCount * 2))
            .Select(_ => Channel.CreateUnbounded<(string, ExecutionEvent)>(new UnboundedChannelOptions { SingleReader = true }))
            .ToArray();

    private readonly ConcurrentDictionary<string, Execution> _live = new();

    /// <summary>Hands a new, already committed execution to the executor.</summary>
    public void Submit(Execution execution)
    {
        _live[execution.Id] = execution;
        Send(execution.Id, new ExecutionEvent.Tick());
    }

    public void Send(string executionId, ExecutionEvent @event) =>
        _partitions[(int)((uint)executionId.GetHashCode(StringComparison.Ordinal) % (uint)_partitions.Length)].Writer.TryWrite((executionId, @event));

    /// <summary>The latest state (possibly not yet committed) of a running execution, else the stored one.</summary>
    public async Task<Execution?> GetAsync(string id, CancellationToken cancellationToken) =>
        _live.TryGetValue(id, out var live) ? live : await executions.GetAsync(id, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        worker.Reported += (executionId, report) => Send(executionId, report);
        var unfinished = await executions.ListUnfinishedAsync(stoppingToken);
        foreach (var execution in unfinished)
        {
            _live[execution.Id] = execution;
            Send(execution.Id, new ExecutionEvent.Recover());
        }

        if (unfinished.Count > 0)
        {
            logger.LogInformation("Resuming {Count} unfinished executions", unfinished.Count);
        }

        await Task.WhenAll(_partitions.Select(p => RunPartitionAsync(p.Reader, stoppingToken)));
    }

    private async Task RunPartitionAsync(ChannelReader<(string Id, ExecutionEvent Event)> reader, CancellationToken stoppingToken)
    {
        await foreach (var (id, @event) in reader.ReadAllAsync(stoppingToken))
        {
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
        if (execution is null || execution.State.IsTerminated)
        {
            return;
        }

        var flow = await flows.GetAsync(execution.Namespace, execution.FlowId, execution.FlowRevision, cancellationToken);
        var result = engine.Advance(flow, execution, @event, clock.GetUtcNow());
        if (ReferenceEquals(result.Execution, execution) && result.Actions.Count == 0)
        {
            return;
        }

        var updated = result.Execution;
        var save = executions.SaveAsync(updated, cancellationToken);
        if (updated.State.IsTerminated)
        {
            await save;
            _live.TryRemove(id, out _);
        }
        else
        {
            _live[id] = updated;
            _ = save.ContinueWith(t => logger.LogError(t.Exception, "Failed to save execution {ExecutionId}", id), TaskContinuationOptions.OnlyOnFaulted);
        }

        notifier.Publish(updated);
        foreach (var action in result.Actions)
        {
            Act(updated, action);
        }

        if (updated.State.IsTerminated)
        {
            subflows.OnTerminated(updated);
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
