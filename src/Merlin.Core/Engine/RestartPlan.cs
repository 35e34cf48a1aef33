using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// What restart and replay do to the task runs they start again from (Kestra's <c>mapTaskRun</c>): each such run and its
/// ancestors are reset, a runnable task (or a WorkingDirectory, which reruns as a whole) to RESTARTED, a flowable
/// ancestor to RUNNING; the children of a restarted WorkingDirectory go, and so do errors-branch runs when asked.
/// </summary>
internal static class RestartPlan
{
    public static List<TaskRun> Apply(TaskTree tree, Execution execution, IEnumerable<string> from, DateTimeOffset now, bool removeErrors)
    {
        var runs = execution.TaskRunList;
        var reset = new HashSet<string>();
        foreach (var id in from)
        {
            for (var run = execution.FindTaskRun(id); run is not null; run = run.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null)
            {
                reset.Add(run.Id);
            }
        }

        var removed = new HashSet<string>();
        foreach (var id in reset.Where(id => tree.Task(execution.FindTaskRun(id)!.TaskId) is WorkingDirectory))
        {
            removed.UnionWith(TaskRunGraph.Descendants(execution, id));
        }

        if (removeErrors)
        {
            removed.UnionWith(runs.Where(r => TaskRunGraph.InErrors(tree, execution, r)).Select(r => r.Id));
        }

        return runs.Where(r => !removed.Contains(r.Id))
            .Select(r => !reset.Contains(r.Id) ? r
                : tree.Task(r.TaskId) is FlowableTask and not WorkingDirectory ? r.WithState(StateType.RUNNING, now)
                : r.WithState(StateType.RESTARTED, now))
            .ToList();
    }
}
