using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>Pause tasks: PAUSED until resumed through the API, until their delay elapses, or FAILED after their timeout.</summary>
internal static class Pausing
{
    public static void Pause(AdvanceContext ctx, TaskRun run, Pause task)
    {
        ctx.Update(run.WithState(StateType.RUNNING, ctx.Now).WithState(StateType.PAUSED, ctx.Now));
        if (DueDate(task, ctx.Now) is { } due)
        {
            ctx.Actions.Add(new ExecutionAction.WakeAt(due));
        }
    }

    /// <summary>Resumes paused task runs (all of them, or only those whose delay or timeout is due).</summary>
    public static void Resume(AdvanceContext ctx, IReadOnlyDictionary<string, object?>? inputs, bool onlyDue)
    {
        var resumed = false;
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.PAUSED).ToList())
        {
            var task = ctx.Tree.Task(run.TaskId) as Pause;
            var pausedAt = run.State.Histories[^1].Date;
            if (onlyDue)
            {
                if (task is null || DueDate(task, pausedAt) is not { } due)
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
    }

    private static DateTimeOffset? DueDate(Pause task, DateTimeOffset pausedAt) =>
        (task.Delay ?? task.PauseDuration ?? task.Timeout) is { } duration ? pausedAt + IsoDuration.Parse(duration) : null;
}
