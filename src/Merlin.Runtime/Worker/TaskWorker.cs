using System.Collections.Concurrent;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Templating;
using Merlin.Runtime.Executions;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// Runs runnable tasks: renders against the variables the executor gave, applies the per-attempt timeout,
/// can be killed, logs errors as Kestra does, and reports the result back to the executor.
/// </summary>
public sealed class TaskWorker(
    TemplateEngine templates,
    TaskRunContextFactory contexts,
    ILogger<TaskWorker> logger)
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    /// <summary>Task runs in progress (the worker's busy slots).</summary>
    public int Running => _running.Count;

    /// <summary>Raised with the execution id and the result of a task run.</summary>
    public event Action<string, ExecutionEvent>? Reported;

    /// <summary>
    /// Starts the task on the calling thread: most tasks (Log, Return...) finish synchronously and report straight
    /// back into the executor's queue without a thread hop; asynchronous ones continue on the thread pool.
    /// </summary>
    public void Enqueue(Execution execution, ExecutionAction.RunTask job) => _ = RunAsync(execution, job);

    public void Kill(string taskRunId)
    {
        if (_running.TryGetValue(taskRunId, out var cts))
        {
            cts.Cancel();
        }
    }

    private async Task RunAsync(Execution execution, ExecutionAction.RunTask job)
    {
        using var kill = new CancellationTokenSource();
        _running[job.TaskRun.Id] = kill;
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(kill.Token, timeout.Token);
        var context = contexts.Create(execution, job, templates);
        StateType state;
        IReadOnlyDictionary<string, object?>? outputs = null;
        try
        {
            var limit = job.Task.Timeout is { } t ? IsoDuration.Parse(context.Render(t)) : (TimeSpan?)null;
            if (limit is { } l)
            {
                timeout.CancelAfter(l);
            }

            var result = await job.Task.RunAsync(context, linked.Token);
            outputs = result.Outputs;
            state = result.State;
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            state = StateType.KILLED;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            context.Log(Core.Executions.LogLevel.ERROR, $"Timeout after {IsoDuration.Display(IsoDuration.Parse(job.Task.Timeout))}");
            state = StateType.FAILED;
        }
        catch (Exception e)
        {
            // As Kestra: the message, then the cause chain (not for template errors, whose message says it all), then the trace.
            context.Log(Core.Executions.LogLevel.ERROR, e.Message);
            if (e is not TemplateException)
            {
                if (e.InnerException is { } cause)
                {
                    context.Log(Core.Executions.LogLevel.ERROR, cause.Message);
                }

                context.Log(Core.Executions.LogLevel.TRACE, e.ToString());
            }

            state = StateType.FAILED;
        }
        finally
        {
            _running.TryRemove(job.TaskRun.Id, out _);
        }

        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            logger.LogDebug("Task {TaskId} of {ExecutionId} ended {State}", job.TaskRun.TaskId, execution.Id, state);
        }

        Reported?.Invoke(execution.Id, new ExecutionEvent.TaskRunReported(job.TaskRun.Id, state, outputs));
    }
}
