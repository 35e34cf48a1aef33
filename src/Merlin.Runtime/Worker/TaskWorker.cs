using System.Collections.Concurrent;
using Merlin.Core.Engine;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Limits;
using Merlin.Core.Templating;
using Merlin.Runtime.Messaging;
using Merlin.Sdk.Files;
using Microsoft.Extensions.Logging;

namespace Merlin.Runtime.Worker;

/// <summary>
/// Runs runnable tasks: renders against the variables the executor gave, applies the per-attempt timeout,
/// can be killed, logs errors as Kestra does, and reports the result back to the executor
/// (<see cref="IWorkerResultQueue"/>). Whatever a task throws ends as a FAILED report: nothing a task does can stop the
/// executor or the process. It takes the jobs of <see cref="IWorkerJobQueue"/> once <see cref="WorkerSubscription"/> started.
/// </summary>
public sealed class TaskWorker(
    TemplateEngine templates,
    TaskRunContextFactory contexts,
    TaskDefinitions definitions,
    IWorkerResultQueue results,
    WorkingDirectoryCaches caches,
    LimitOptions limits,
    TimeProvider clock,
    ILogger<TaskWorker> logger) : IWorkerJobHandler
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new();

    /// <summary>Task runs in progress (the worker's busy slots).</summary>
    public int Running => _running.Count;

    /// <summary>
    /// Starts the task on the calling thread (an executor loop): most tasks (Log, Return...) finish synchronously and
    /// report straight back into the executor's queue without a thread hop; asynchronous ones continue on the thread
    /// pool. A task whose templates pass <see cref="LimitOptions.InlineTemplateSteps"/> before its first await is
    /// abandoned (its log lines are held back until then) and started again on a thread of its own, so heavy
    /// rendering never holds the executor loop that other executions share.
    /// </summary>
    public void Run(WorkerJob job)
    {
        var kill = new CancellationTokenSource();
        _running[job.TaskRunId] = kill;
        var inline = new InlinePhase();
        _ = RunAsync(job.Execution ?? ExecutionOf(job), job, kill, inline);
        inline.End();
    }

    public void Kill(string taskRunId)
    {
        if (_running.TryGetValue(taskRunId, out var cts))
        {
            cts.Cancel();
        }
    }

    private async Task RunAsync(Execution execution, WorkerJob job, CancellationTokenSource kill, InlinePhase? inline)
    {
        StateType state;
        RunnableTask? task = null;
        IReadOnlyDictionary<string, object?>? outputs = null;
        IReadOnlyDictionary<string, string>? directoryFiles = null;
        using var timeout = new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(kill.Token, timeout.Token);
        TaskRunContext? context = null;
        try
        {
            task = await definitions.GetAsync(job, linked.Token); // in process the job carries it: no await, still inline
            var budget = templates.NewBudget(linked.Token);
            context = contexts.Create(execution, job, task, templates, budget, bufferLogs: inline is not null);
            if (inline is not null)
            {
                var started = context;
                inline.Attach(started);
                budget.HeavyAfter = limits.InlineTemplateSteps;
                budget.OnHeavy = () =>
                {
                    if (inline.Active && !started.HasSideEffects)
                    {
                        throw new MoveOffLoopException();
                    }
                };
            }

            (state, outputs) = await AttemptAsync(job, task, context, timeout, linked.Token);
        }
        catch (MoveOffLoopException)
        {
            inline?.Abandon();
            context?.DeleteOwnDirectory();
            _ = Task.Factory.StartNew(() => RunAsync(execution, job, kill, inline: null), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
            return;
        }
        catch (OperationCanceledException) when (kill.IsCancellationRequested)
        {
            state = StateType.KILLED;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            // The timeout starts only once the definition is known, so task is set here.
            context?.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, $"Timeout after {IsoDuration.Display(IsoDuration.Parse(task!.Timeout))}");
            state = StateType.FAILED;
        }
        catch (Exception e)
        {
            if (context is null)
            {
                logger.LogError(e, "Task {TaskId} of {ExecutionId} could not start", job.TaskRun.TaskId, execution.Id);
            }
            else
            {
                LogFailure(context, e);
            }

            state = StateType.FAILED;
        }

        // The kill source is not disposed: a Kill racing with the end must find it still usable (it holds no timer).
        _running.TryRemove(job.TaskRun.Id, out _);
        try
        {
            if (context is not null && outputs is not null
                && ValueBounds.Violation(outputs, limits, limits.TaskMaxOutputSize, nameof(LimitOptions.TaskMaxOutputSize), "the task outputs") is { } refused)
            {
                context.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, refused);
                (state, outputs) = (StateType.FAILED, null);
            }

            if (context is not null && state != StateType.KILLED)
            {
                directoryFiles = await DirectoryOutputFilesAsync(job, context);
                if (job.Directory is { } directory && context.SharedDirectory is { } shared)
                {
                    await caches.SaveAsync(directory, job.Namespace, job.FlowId, shared, CancellationToken.None);
                }
            }

            if (inline is null)
            {
                context?.FlushLogs();
            }

            context?.DeleteOwnDirectory();
        }
        catch (Exception e)
        {
            // Nobody awaits this method (Run discards its task): whatever fails after the attempt still ends in a report.
            logger.LogError(e, "Task {TaskId} of {ExecutionId} could not be finished", job.TaskRun.TaskId, execution.Id);
            (state, outputs) = (StateType.FAILED, null);
        }

        if (logger.IsEnabled(Microsoft.Extensions.Logging.LogLevel.Debug))
        {
            logger.LogDebug("Task {TaskId} of {ExecutionId} ended {State}", job.TaskRun.TaskId, execution.Id, state);
        }

        // A failed attempt's lines are stored before its end is reported: an errors branch reading errorLogs() sees them.
        // The attempt was not abandoned (that returned above), so its held lines may be written now.
        string? logFile = null;
        try
        {
            _ = context?.FlushMetrics(); // stored before the result is committed: the writer queue keeps their order
            logFile = context is null ? null : await context.EndLogsAsync(awaitLines: state == StateType.FAILED, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Failed to store the log file of task {TaskId} of {ExecutionId}", job.TaskRun.TaskId, execution.Id);
        }

        try
        {
            await results.ReportAsync(new WorkerResult(execution.Id, job.TaskRunId, state, outputs, logFile, directoryFiles), CancellationToken.None);
        }
        catch (Exception e)
        {
            // The executor runs it again on recovery (at least once): the result is lost, not the task run.
            logger.LogError(e, "Failed to report the end of task {TaskId} of {ExecutionId}", job.TaskId, execution.Id);
        }
    }

    private async Task<(StateType, IReadOnlyDictionary<string, object?>?)> AttemptAsync(
        WorkerJob job, RunnableTask task, TaskRunContext context, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var limit = task.Timeout is { } t ? IsoDuration.Parse(context.Render(t)) : (TimeSpan?)null;
        if (limit is { } l)
        {
            timeout.CancelAfter(l);
        }

        if (context.SharedDirectory is { InputsWritten: false } shared && job.Directory is { } directory)
        {
            // The WorkingDirectory's cache, namespace files then inputFiles, written once, before its first child runs.
            await caches.RestoreAsync(directory, job.Namespace, job.FlowId, shared, cancellationToken);
            await NamespaceFileInjection.WriteAsync(context, directory.NamespaceFiles, shared.Path, cancellationToken);
            await WorkingDirectoryFiles.WriteAsync(context, directory.InputFiles, shared.Path, "inputFiles", cancellationToken);
            shared.InputsWritten = true;
        }

        var result = await task.RunAsync(context, cancellationToken);
        return (result.State, result.Outputs);
    }

    /// <summary>
    /// Inside a WorkingDirectory with <c>outputFiles</c>: the shared directory's files matching its globs (Kestra's rule,
    /// <see cref="FileGlob.ToOutputRegex"/>) that are new or changed since the previous child, stored after each child so
    /// the WorkingDirectory's output lists what its children left, whichever child ends last.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>?> DirectoryOutputFilesAsync(WorkerJob job, TaskRunContext context)
    {
        if (job.Directory is not { OutputFiles: { Count: > 0 } globs } || context.SharedDirectory is not { } shared)
        {
            return null;
        }

        var patterns = globs.Select(g => FileGlob.ToOutputRegex(context.Render(g) ?? "")).ToList();
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal); // only the new or changed ones: the engine merges
        foreach (var path in WorkingDirectoryFiles.List(shared.Path).Where(p => patterns.Any(r => r.IsMatch(p))))
        {
            var local = new FileInfo(Path.Combine(shared.Path, path));
            if (shared.StoredOutputs.TryGetValue(path, out var stored) && stored.Length == local.Length && stored.LastWrite == local.LastWriteTimeUtc)
            {
                continue;
            }

            await using var content = local.OpenRead();
            files[path] = await context.Files.PutAsync(path.Replace('/', '_'), content, CancellationToken.None);
            shared.StoredOutputs[path] = (local.Length, local.LastWriteTimeUtc, files[path]);
        }

        return files;
    }

    /// <summary>What a task sees of its execution when the job came from another process (the executor sent no execution).</summary>
    private Execution ExecutionOf(WorkerJob job) => new()
    {
        Id = job.ExecutionId,
        Namespace = job.Namespace,
        FlowId = job.FlowId,
        FlowRevision = job.FlowRevision,
        State = State.Create(clock.GetUtcNow(), StateType.RUNNING),
        OriginalId = job.ExecutionId,
        Metadata = new ExecutionMetadata(1, clock.GetUtcNow()),
        Trigger = job.Trigger,
    };

    /// <summary>As Kestra: the message, then the cause chain (not for template errors, whose message says it all), then the trace.</summary>
    private static void LogFailure(TaskRunContext context, Exception e)
    {
        context.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, e.Message);
        if (e is not TemplateException)
        {
            if (e.InnerException is { } cause)
            {
                context.Logs.Log(Merlin.Sdk.Runs.LogLevel.ERROR, cause.Message);
            }

            context.Logs.Log(Merlin.Sdk.Runs.LogLevel.TRACE, e.ToString());
        }
    }
}
