using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// Creates the next child task runs of a container and tells when it is done and with which state
/// (Kestra's sequential, parallel and DAG resolution, with the errors branch).
/// </summary>
internal static class ChildResolver
{
    /// <summary>Returns the container's final state once every current child is terminated, else null.</summary>
    /// <remarks>Loops and <see cref="List{T}"/>'s own methods rather than LINQ: this runs at every step of every execution.</remarks>
    public static StateType? Resolve(AdvanceContext ctx, string? containerRunId, ChildLayout layout)
    {
        var normal = new List<TaskRun>();
        List<TaskRun>? errors = null;
        foreach (var run in ctx.Execution.TaskRunList)
        {
            // Listener task runs sit at the top level too but belong to the listeners, not to the flow's tasks.
            if (run.ParentTaskRunId != containerRunId || (containerRunId is null && ctx.Tree.IsListenerTask(run.TaskId)))
            {
                continue;
            }

            if (IndexOf(layout.Errors, run.TaskId) >= 0)
            {
                (errors ??= []).Add(run);
            }
            else
            {
                normal.Add(run);
            }
        }

        if (errors is not null || (normal.Exists(r => r.State.Current == StateType.FAILED) && !normal.Exists(r => r.State.Current == StateType.RETRYING)))
        {
            // Unlike Kestra, siblings still running finish before the errors branch starts, so nothing is left running.
            if (!normal.TrueForAll(r => r.State.IsTerminated))
            {
                return null;
            }

            return ResolveSequence(ctx, containerRunId, new ChildGroup(layout.Errors, null), errors ?? []) ? FinalState.Of(normal) : null;
        }

        var done = layout.Dag is not null
            ? ResolveDag(ctx, containerRunId, layout, normal)
            : layout.ParallelTasks
                ? ResolveParallel(ctx, containerRunId, layout.Groups[0], layout.Limit, normal)
                : ResolveGroups(ctx, containerRunId, layout, normal);
        return done ? FinalState.Of(normal) : null;
    }

    /// <summary>Runs tasks one after another; true when the sequence is over (all terminated, or stopped by a failure).</summary>
    public static bool ResolveSequence(AdvanceContext ctx, string? containerRunId, ChildGroup group, List<TaskRun> runs)
    {
        var tasks = group.Tasks;
        if (tasks.Count == 0)
        {
            return true;
        }

        var mine = new List<TaskRun>(runs.Count);
        foreach (var run in runs)
        {
            if (group.Owns(run))
            {
                mine.Add(run);
            }
        }

        if (mine.Count == 0)
        {
            ctx.Create(tasks[0], containerRunId, group.Value, group.Iteration);
            return false;
        }

        if (!mine.TrueForAll(r => r.State.IsTerminated))
        {
            return false;
        }

        // The furthest task reached, and of its runs the latest.
        var lastIndex = -1;
        var last = mine[0];
        foreach (var run in mine)
        {
            if (IndexOf(tasks, run.TaskId) is var index && index >= lastIndex)
            {
                (lastIndex, last) = (index, run);
            }
        }

        if (last.State.Current == StateType.FAILED && !IsErrorsList(ctx, tasks))
        {
            return true;
        }

        if (lastIndex + 1 < tasks.Count)
        {
            ctx.Create(tasks[lastIndex + 1], containerRunId, group.Value, group.Iteration);
            return false;
        }

        return true;
    }

    private static bool ResolveGroups(AdvanceContext ctx, string? containerRunId, ChildLayout layout, List<TaskRun> normal)
    {
        var allDone = true;
        var active = 0;
        var stopped = normal.Exists(r => r.State.Current == StateType.FAILED);
        foreach (var group in layout.Groups)
        {
            var runs = new List<TaskRun>();
            foreach (var run in normal)
            {
                if (group.Owns(run) && IndexOf(group.Tasks, run.TaskId) >= 0)
                {
                    runs.Add(run);
                }
            }

            if (runs.Count == 0 && (stopped || (layout.Limit > 0 && active >= layout.Limit)))
            {
                allDone &= stopped;
                continue;
            }

            if (!ResolveSequence(ctx, containerRunId, group, runs))
            {
                allDone = false;
                active++;
            }
        }

        return allDone;
    }

    private static bool ResolveParallel(AdvanceContext ctx, string? containerRunId, ChildGroup group, int limit, List<TaskRun> normal)
    {
        var created = normal.Where(r => r.Value == group.Value).Select(r => r.TaskId).ToHashSet();
        var running = normal.Count(r => !r.State.IsTerminated);
        foreach (var task in group.Tasks.Where(t => !created.Contains(t.Id)))
        {
            if (limit > 0 && running >= limit)
            {
                return false;
            }

            ctx.Create(task, containerRunId, group.Value);
            running++;
        }

        return running == 0 && group.Tasks.All(t => created.Contains(t.Id));
    }

    private static bool ResolveDag(AdvanceContext ctx, string? containerRunId, ChildLayout layout, List<TaskRun> normal)
    {
        var byTask = normal.ToDictionary(r => r.TaskId);
        var running = normal.Count(r => !r.State.IsTerminated);
        foreach (var node in layout.Dag!.Tasks.Where(n => !n.Task.Disabled && !byTask.ContainsKey(n.Task.Id)))
        {
            var ready = (node.DependsOn ?? []).All(d => byTask.TryGetValue(d, out var dep) && dep.State.IsTerminated);
            if (!ready || (layout.Dag.Concurrent > 0 && running >= layout.Dag.Concurrent))
            {
                continue;
            }

            byTask[node.Task.Id] = ctx.Create(node.Task, containerRunId, null);
            running++;
        }

        return running == 0 && layout.Dag.Tasks.Where(n => !n.Task.Disabled).All(n => byTask.ContainsKey(n.Task.Id));
    }

    private static int IndexOf(IReadOnlyList<TaskDefinition> tasks, string taskId)
    {
        for (var i = 0; i < tasks.Count; i++)
        {
            if (tasks[i].Id == taskId)
            {
                return i;
            }
        }

        return -1;
    }

    // In an errors branch a failed task does not stop the following error tasks.
    private static bool IsErrorsList(AdvanceContext ctx, IReadOnlyList<TaskDefinition> tasks) =>
        tasks.Count > 0 && ctx.Tree.InErrors(tasks[0].Id);
}
