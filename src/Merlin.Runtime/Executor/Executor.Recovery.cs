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

/// <summary>Start-up recovery of unfinished executions, the quarantine of poison ones, and failing an execution that cannot be advanced.</summary>
public sealed partial class Executor
{
    /// <summary>
    /// Replays every unfinished execution, after recording the attempt durably. An execution whose earlier replays
    /// never completed (the process died during each) is failed instead, with a log line saying why: a poison
    /// execution must not crash-loop the server.
    /// </summary>
    private async Task RecoverAsync(Func<string, bool> owned, CancellationToken stoppingToken)
    {
        var unfinished = (await executions.ListUnfinishedAsync(stoppingToken)).Where(e => owned(e.Id)).ToList();
        var attempts = await journal.RecordAttemptsAsync(unfinished.Select(e => e.Id).ToList(), stoppingToken);
        var inFlight = (await jobs.InFlightAsync(unfinished.Select(e => e.Id).ToList(), stoppingToken)).ToLookup(j => j.ExecutionId, j => j.TaskRunId);
        foreach (var execution in unfinished.OrderBy(e => e.State.StartDate))
        {
            var attempt = attempts.GetValueOrDefault(execution.Id, 1);
            if (attempt > limits.RecoveryMaxAttempts)
            {
                await QuarantineAsync(execution, attempt - 1, stoppingToken);
                continue;
            }

            live.Set(execution);
            _replaying[execution.Id] = 0;
            if (execution.State.Current != StateType.CREATED)
            {
                gate.Restore(execution.Namespace, execution.FlowId, execution.Id, queued: execution.State.Current == StateType.QUEUED);
            }

            // Events queued before this one are applied first (a new execution's start, results): only the task runs
            // running in the state read here may be lost.
            var running = inFlight[execution.Id].ToList();
            var loaded = execution.TaskRunList.Where(r => r.State.Current == StateType.RUNNING).Select(r => r.Id).ToList();
            await queue.SendAsync(execution.Id, new ExecutionEvent.Recover(running.Count > 0 ? running : null, loaded), stoppingToken);
        }

        if (unfinished.Count > 0)
        {
            logger.LogInformation("Resuming {Count} unfinished executions", unfinished.Count);
        }
    }

    private async Task QuarantineAsync(Execution execution, int replays, CancellationToken cancellationToken)
    {
        var message = $"Execution failed instead of resumed: its last {replays} replays at start-up never completed, the process stopped during each "
            + $"(limit {limits.RecoveryMaxAttempts}, setting {LimitOptions.Setting(nameof(LimitOptions.RecoveryMaxAttempts))})";
        logger.LogError("Execution {ExecutionId} of {Namespace}.{FlowId} quarantined: {Reason}", execution.Id, execution.Namespace, execution.FlowId, message);
        logs.Write(execution, null, null, Merlin.Sdk.Runs.LogLevel.ERROR, message);
        await CommitAsync(Failed(execution), cancellationToken);
        await journal.ClearAsync(execution.Id, cancellationToken);
    }

    /// <summary>The execution FAILED, with every task run that had not ended failed too.</summary>
    private Execution Failed(Execution execution)
    {
        var now = clock.GetUtcNow();
        var failed = execution;
        foreach (var run in execution.TaskRunList.Where(r => !r.State.IsTerminated))
        {
            failed = failed.WithTaskRun(run.WithState(StateType.FAILED, now));
        }

        return failed.WithState(StateType.FAILED, now);
    }

    /// <summary>Advancing an execution threw: that execution fails, with the error logged; the loop goes on.</summary>
    private async Task FailAsync(string id, Exception error, CancellationToken cancellationToken)
    {
        logger.LogError(error, "Failed to advance execution {ExecutionId}; it is failed", id);
        try
        {
            if (await GetAsync(id, cancellationToken) is { State.IsTerminated: false } execution)
            {
                logs.Write(execution, null, null, Merlin.Sdk.Runs.LogLevel.ERROR, "Execution failed: " + error.Message);
                await CommitAsync(Failed(execution), cancellationToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Could not fail execution {ExecutionId}", id);
        }
    }
}
