using Merlin.Core.Executions;

namespace Merlin.Core.Engine;

/// <summary>
/// Restart of a FAILED execution, as Kestra does it: errors-branch task runs are removed, failed task runs are
/// RESTARTED (run again as a new attempt), their failed ancestors go back to RUNNING, the attempt number grows.
/// </summary>
public static class Restarting
{
    public static bool CanRestart(Execution execution) => execution.State.Current == StateType.FAILED;

    internal static void Apply(AdvanceContext ctx)
    {
        var execution = ctx.Execution;
        var removed = execution.TaskRunList.Where(r => IsInErrors(ctx, execution, r)).Select(r => r.Id).ToHashSet();
        var runs = execution.TaskRunList.Where(r => !removed.Contains(r.Id)).ToList();
        var failed = runs.Where(r => r.State.Current == StateType.FAILED).ToList();
        var failedIds = failed.Select(r => r.Id).ToHashSet();
        var ancestors = new HashSet<string>();
        foreach (var run in failed)
        {
            for (var parent = run.ParentTaskRunId; parent is not null; parent = runs.Find(r => r.Id == parent)?.ParentTaskRunId)
            {
                ancestors.Add(parent);
            }
        }

        var restarted = runs.Select(r =>
            ancestors.Contains(r.Id) ? r.WithState(StateType.RUNNING, ctx.Now)
            : failedIds.Contains(r.Id) && ctx.Tree.Task(r.TaskId) is not Flows.FlowableTask ? r.WithState(StateType.RESTARTED, ctx.Now)
            : failedIds.Contains(r.Id) ? r.WithState(StateType.RUNNING, ctx.Now)
            : r).ToList();

        ctx.Execution = execution.WithState(StateType.RESTARTED, ctx.Now).WithState(StateType.RUNNING, ctx.Now) with
        {
            TaskRunList = [.. restarted],
            Outputs = null,
            Metadata = execution.Metadata with { AttemptNumber = execution.Metadata.AttemptNumber + 1 },
        };
    }

    private static bool IsInErrors(AdvanceContext ctx, Execution execution, TaskRun run)
    {
        for (var current = run; current is not null; current = current.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null)
        {
            if (ctx.Tree.InErrors(current.TaskId))
            {
                return true;
            }
        }

        return false;
    }
}
