using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Storage;
using Merlin.Runtime.Messaging;
using Merlin.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Executor;

/// <summary>
/// Starts the iterations of Loop task runs, executions of kind LOOP that the engine built: saved, published and queued
/// like any new execution. Asked again on recovery with the same id, it creates only what is missing, and reports
/// again the end of an iteration whose report the parent may have lost.
/// </summary>
public sealed class LoopIterationLauncher(IExecutionRepository executions, IExecutionQueue queue, IExecutionChanges notifier,
    ILogger<LoopIterationLauncher> logger)
{
    public void Start(Execution iteration) => _ = StartAsync(iteration);

    private async Task StartAsync(Execution iteration)
    {
        try
        {
            var waiting = false;
            var existing = await StoreRetry.RunAsync(() => executions.GetAsync(iteration.Id, CancellationToken.None), fault =>
            {
                if (!waiting)
                {
                    waiting = true;
                    logger.LogWarning("Loop iteration {ExecutionId} waits for the store: {Fault}", iteration.Id, fault.Message);
                }
            }, CancellationToken.None);
            if (existing is not null)
            {
                if (existing.State.IsTerminated && existing.LoopRun is { } loopRun)
                {
                    await queue.SendAsync(loopRun.ExecutionId, new ExecutionEvent.LoopIterationReported(loopRun.TaskRunId, existing), CancellationToken.None);
                }

                return;
            }

            await StoreRetry.RunAsync(async () =>
            {
                await executions.SaveAsync(iteration, CancellationToken.None);
                return true;
            }, _ => { }, CancellationToken.None);
            notifier.Publish(iteration);
            await queue.SubmitAsync(iteration, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The parent's recovery asks again for every iteration it still counts as running.
            logger.LogError(e, "Loop iteration {ExecutionId} of execution {ParentId} could not start", iteration.Id, iteration.LoopRun?.ExecutionId);
        }
    }
}
