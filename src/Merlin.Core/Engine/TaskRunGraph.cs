using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// The task runs of an execution as Kestra's execution graph orders them: descendants, errors branches, and the runs
/// that come after a given one (its successors: what a replay from it runs again).
/// </summary>
internal static class TaskRunGraph
{
    public static IEnumerable<string> Descendants(Execution execution, string taskRunId)
    {
        foreach (var child in execution.TaskRunList.Where(r => r.ParentTaskRunId == taskRunId))
        {
            yield return child.Id;
            foreach (var id in Descendants(execution, child.Id))
            {
                yield return id;
            }
        }
    }

    public static bool InErrors(TaskTree tree, Execution execution, TaskRun run)
    {
        for (var current = run; current is not null; current = current.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null)
        {
            if (tree.InErrors(current.TaskId))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The runs after <paramref name="run"/> in Kestra's graph: its descendants; at each level from it up to the root,
    /// when that level runs in sequence, the siblings that come later (ordered by task, then by run, as Kestra chains
    /// the runs of an EachSequential) with their descendants. Parallel levels have no later siblings.
    /// </summary>
    public static HashSet<string> Successors(TaskTree tree, Flow flow, Execution execution, TaskRun run)
    {
        var successors = Descendants(execution, run.Id).ToHashSet();
        var list = execution.TaskRunList;
        for (var current = run; current is not null; current = current.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null)
        {
            var parent = current.ParentTaskRunId is { } parentId ? execution.FindTaskRun(parentId) : null;
            var container = parent is null ? null : tree.Task(parent.TaskId) as FlowableTask;
            if (parent is not null && !InSequence(container))
            {
                continue;
            }

            var order = TaskOrder(container, flow);
            var position = (order.IndexOf(current.TaskId), list.IndexOf(current));
            foreach (var sibling in list.Where(r => r.ParentTaskRunId == current.ParentTaskRunId && r.Id != current.Id))
            {
                var index = order.IndexOf(sibling.TaskId);
                if (index >= 0 && (index, list.IndexOf(sibling)).CompareTo(position) > 0)
                {
                    successors.Add(sibling.Id);
                    successors.UnionWith(Descendants(execution, sibling.Id));
                }
            }
        }

        return successors;
    }

    private static bool InSequence(FlowableTask? container) => container switch
    {
        Tasks.Parallel or EachParallel or Dag => false,
        ForEach f => f.ConcurrencyLimit == 1,
        _ => true,
    };

    /// <summary>The container's children in order (errors branches excluded: they are not successors).</summary>
    private static List<string> TaskOrder(FlowableTask? container, Flow flow) =>
        (container is null ? flow.Tasks : container.AllChildren()).Select(t => t.Id).ToList();
}
