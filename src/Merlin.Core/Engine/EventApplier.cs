using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>Folds one event into the execution before the engine resolves what comes next.</summary>
internal static class EventApplier
{
    public static void Apply(AdvanceContext ctx, ExecutionEvent @event, TemplateEngine templates)
    {
        switch (@event)
        {
            case ExecutionEvent.TaskRunReported r:
                Reported(ctx, r);
                break;
            case ExecutionEvent.SubflowReported s:
                SubflowResults.Apply(ctx, s, templates);
                break;
            case ExecutionEvent.SubflowBatchesStarted started:
                ForEachItemIterations.Started(ctx, started);
                break;
            case ExecutionEvent.LoopValuesRead read:
                LoopIterations.ValuesRead(ctx, read);
                break;
            case ExecutionEvent.LoopIterationReported ended:
                LoopIterations.IterationEnded(ctx, ended, templates);
                break;
            case ExecutionEvent.Kill when !ctx.Execution.State.IsTerminated:
                Killing.Start(ctx);
                break;
            case ExecutionEvent.Pause when ctx.Execution.State.Current == StateType.RUNNING:
                ctx.Execution = ctx.Execution.WithState(StateType.PAUSED, ctx.Now);
                break;
            case ExecutionEvent.Resume resume:
                Pausing.Resume(ctx, resume.Inputs, onlyDue: false, templates);
                break;
            case ExecutionEvent.Wakeup:
                Wakeup(ctx, templates);
                break;
            case ExecutionEvent.Admitted when ctx.Execution.State.Current == StateType.QUEUED:
                ctx.Execution = ctx.Execution.WithState(StateType.RUNNING, ctx.Now);
                break;
            case ExecutionEvent.Recover recover:
                Recover(ctx, templates, recover.Running ?? [], recover.Loaded);
                break;
        }
    }

    private static void Reported(AdvanceContext ctx, ExecutionEvent.TaskRunReported report)
    {
        if (ctx.Execution.FindTaskRun(report.TaskRunId) is not { } run || run.State.IsTerminated || !report.State.IsTerminated())
        {
            return;
        }

        if (report.DirectoryOutputFiles is { Count: > 0 } files && run.ParentTaskRunId is { } parentId && ctx.Execution.FindTaskRun(parentId) is { } parent)
        {
            // A WorkingDirectory's outputFiles, as its children leave them in the shared directory (the latest wins).
            var outputs = new Dictionary<string, object?>(parent.Outputs ?? new Dictionary<string, object?>());
            var known = outputs.GetValueOrDefault("outputFiles") as IReadOnlyDictionary<string, object?>;
            var merged = known is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(known);
            foreach (var (path, uri) in files)
            {
                merged[path] = uri;
            }

            outputs["outputFiles"] = merged;
            ctx.Update(parent with { Outputs = outputs });
        }

        var task = ctx.Tree.Task(run.TaskId);
        var attempts = run.Attempts.Count > 0
            ? run.Attempts.SetItem(run.Attempts.Count - 1, run.Attempts[^1] with { State = run.Attempts[^1].State.With(report.State, ctx.Now), LogFile = report.LogFile ?? run.Attempts[^1].LogFile })
            : run.Attempts.Add(new TaskRunAttempt(State.Create(ctx.Now, report.State), report.LogFile));
        run = run with { Attempts = attempts, Outputs = report.Outputs ?? new Dictionary<string, object?>() };

        var policy = RetryPlanner.PolicyFor(ctx, run);
        if (report.State == StateType.FAILED && policy is not null && NewExecutionRetry.TryApply(ctx, run.WithState(StateType.FAILED, ctx.Now), policy))
        {
            return;
        }

        if (report.State == StateType.FAILED && ctx.Execution.State.Current != StateType.KILLING
            && policy is not null && RetryPlanner.NextAttempt(policy, run, ctx.Now) is { } next)
        {
            ctx.Update(run.WithState(StateType.FAILED, ctx.Now).WithState(StateType.RETRYING, ctx.Now));
            ctx.Execution = ctx.Execution.WithState(StateType.RETRYING, ctx.Now);
            ctx.Actions.Add(new ExecutionAction.WakeAt(next));
            return;
        }

        var state = report.State;
        if (state == StateType.SUCCESS && policy is { WarningOnRetry: true } && run.Attempts.Count > 2)
        {
            state = StateType.WARNING;
        }

        ctx.Update(run.WithState(FinalState.Adjust(task, state), ctx.Now));
    }

    private static void Recover(AdvanceContext ctx, TemplateEngine templates, IReadOnlyList<string> running, IReadOnlyList<string>? loaded)
    {
        foreach (var run in ctx.Execution.TaskRunList
                     .Where(r => r.State.Current == StateType.RUNNING && ctx.Tree.Task(r.TaskId) is RunnableTask && !running.Contains(r.Id)
                                 && (loaded is null || loaded.Contains(r.Id))).ToList())
        {
            var attempts = run.Attempts.Count > 0
                ? run.Attempts.SetItem(run.Attempts.Count - 1, new TaskRunAttempt(run.Attempts[^1].State.With(StateType.KILLED, ctx.Now)))
                : run.Attempts;
            ctx.Update(run.WithState(StateType.CREATED, ctx.Now) with { Attempts = attempts });
        }

        if (ctx.Execution.State.Current == StateType.KILLING)
        {
            Killing.Start(ctx);
        }

        LoopIterations.Recover(ctx, templates);
        Wakeup(ctx, templates);
    }

    private static void Wakeup(AdvanceContext ctx, TemplateEngine templates)
    {
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.RETRYING).ToList())
        {
            var policy = RetryPlanner.PolicyFor(ctx, run);
            var due = policy is null ? ctx.Now : RetryPlanner.NextAttempt(policy, run, ctx.Now) ?? ctx.Now;
            if (due <= ctx.Now)
            {
                ctx.Update(run.WithState(StateType.CREATED, ctx.Now));
            }
            else
            {
                ctx.Actions.Add(new ExecutionAction.WakeAt(due));
            }
        }

        if (ctx.Execution.State.Current == StateType.RETRYING && !ctx.Execution.TaskRunList.Exists(r => r.State.Current == StateType.RETRYING))
        {
            ctx.Execution = ctx.Execution.WithState(StateType.RUNNING, ctx.Now);
        }

        Pausing.Resume(ctx, null, onlyDue: true, templates);
    }
}
