using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>Pause tasks: PAUSED until resumed through the API, until their delay elapses, or FAILED after their timeout.</summary>
internal static class Pausing
{
    public static void Pause(AdvanceContext ctx, TaskRun run, Pause task, TemplateEngine templates)
    {
        // Rendered before the state changes, so a delay that does not render fails the task run (Dispatcher).
        var due = DueDate(ctx, templates, task, run, ctx.Now);
        ctx.Update(run.WithState(StateType.RUNNING, ctx.Now).WithState(StateType.PAUSED, ctx.Now));
        if (due is { } date)
        {
            ctx.Actions.Add(new ExecutionAction.WakeAt(date));
        }
    }

    /// <summary>Resumes paused task runs (all of them, or only those whose delay or timeout is due).</summary>
    public static void Resume(AdvanceContext ctx, IReadOnlyDictionary<string, object?>? inputs, bool onlyDue, TemplateEngine templates)
    {
        var resumed = false;
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.PAUSED).ToList())
        {
            var task = ctx.Tree.Task(run.TaskId) as Pause;
            var pausedAt = run.State.Histories[^1].Date;
            if (onlyDue)
            {
                if (task is null || DueDate(ctx, templates, task, run, pausedAt) is not { } due)
                {
                    continue;
                }

                if (due > ctx.Now)
                {
                    ctx.Actions.Add(new ExecutionAction.WakeAt(due));
                    continue;
                }

                if (task.Delay is null && task.PauseDuration is null)
                {
                    ctx.Update(run.WithState(StateType.FAILED, ctx.Now));
                    ctx.Actions.Add(new ExecutionAction.Log(run.Id, run.TaskId, LogLevel.ERROR, $"Pause timed out after {task.Timeout}"));
                    resumed = true;
                    continue;
                }
            }

            var outputs = inputs is { Count: > 0 } ? new Dictionary<string, object?> { ["onResume"] = inputs } : new Dictionary<string, object?>();
            var next = task?.Tasks is { Count: > 0 } ? StateType.RUNNING : StateType.SUCCESS;
            ctx.Update(run.WithState(StateType.RUNNING, ctx.Now).WithState(next, ctx.Now) with { Outputs = outputs });
            resumed = true;
        }

        if (resumed && ctx.Execution.State.Current == StateType.PAUSED)
        {
            ctx.Execution = ctx.Execution.WithState(StateType.RESTARTED, ctx.Now).WithState(StateType.RUNNING, ctx.Now);
        }
        else if (!onlyDue && ctx.Execution.State.Current == StateType.PAUSED && ctx.Execution.TaskRunList.All(r => r.State.Current != StateType.PAUSED))
        {
            // Paused by hand (the pause route), not by a Pause task: it simply runs on, as in Kestra.
            ctx.Execution = ctx.Execution.WithState(StateType.RUNNING, ctx.Now);
        }
    }

    /// <summary>The end of the delay (or timeout); the duration may be an expression (<c>delay: "{{ inputs.delay }}"</c>).</summary>
    private static DateTimeOffset? DueDate(AdvanceContext ctx, TemplateEngine templates, Pause task, TaskRun run, DateTimeOffset pausedAt)
    {
        if ((task.Delay ?? task.PauseDuration ?? task.Timeout) is not { } duration)
        {
            return null;
        }

        if (duration.Contains("{{", StringComparison.Ordinal))
        {
            duration = templates.Render(duration, ctx.Template(ctx.Variables(task, run)));
        }

        return pausedAt + IsoDuration.Parse(duration);
    }
}
