using Merlin.Core.Executions;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// Restart of a terminated execution, as Kestra does it: errors-branch task runs are removed, failed task runs are
/// RESTARTED (run again as a new attempt), their flowable ancestors go back to RUNNING, a restarted WorkingDirectory
/// starts over (its children removed), the attempt number grows. The execution stays RESTARTED until the next advance,
/// so the restart's answer shows it as Kestra's does.
/// </summary>
public static class Restarting
{
    /// <summary>Kestra restarts terminated (or paused) executions only.</summary>
    public static bool IsRestartable(Execution execution) => execution.State.IsTerminated || execution.State.Current == StateType.PAUSED;

    /// <summary>Whether a restart has something to do: a FAILED task run (Kestra's "No task found to restart" otherwise).</summary>
    public static bool HasTaskToRestart(Execution execution) => execution.TaskRunList.Any(r => r.State.Current == StateType.FAILED);

    public static bool CanRestart(Execution execution) => IsRestartable(execution) && HasTaskToRestart(execution);

    internal static void Apply(AdvanceContext ctx)
    {
        var execution = ctx.Execution;
        var failed = execution.TaskRunList.Where(r => r.State.Current == StateType.FAILED && !TaskRunGraph.InErrors(ctx.Tree, execution, r)).Select(r => r.Id);
        var restarted = RestartPlan.Apply(ctx.Tree, execution, failed, ctx.Now, removeErrors: true);
        ctx.Execution = execution.WithState(StateType.RESTARTED, ctx.Now) with
        {
            TaskRunList = [.. restarted],
            Outputs = null,
            Metadata = execution.Metadata with { AttemptNumber = execution.Metadata.AttemptNumber + 1 },
        };
    }
}
