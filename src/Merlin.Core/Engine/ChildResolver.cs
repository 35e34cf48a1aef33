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
    public static StateType? Resolve(AdvanceContext ctx, string? containerRunId, ChildLayout layout)
    {
        var errorIds = layout.Errors.Select(t => t.Id).ToHashSet();
        // Listener task runs sit at the top level too but belong to the listeners, not to the flow's tasks.
        var runs = ctx.ChildrenOf(containerRunId).Where(r => containerRunId is not null || !ctx.Tree.IsListenerTask(r.TaskId)).ToList();
        var normal = runs.Where(r => !errorIds.Contains(r.TaskId)).ToList();
        var errors = runs.Where(r => errorIds.Contains(r.TaskId)).ToList();

        var failed = normal.Any(r => r.State.Current == StateType.FAILED);
        var retrying = normal.Any(r => r.State.Current == StateType.RETRYING);
        if (errors.Count > 0 || (failed && !retrying))
        {
            // Unlike Kestra, siblings still running finish before the errors branch starts, so nothing is left running.
            if (normal.Any(r => !r.State.IsTerminated))
            {
                return null;
            }

            return ResolveSequence(ctx, containerRunId, new ChildGroup(layout.Errors, null), errors) ? FinalState.Of(normal) : null;
        }

        var done = layout.Dag is not null
            ? ResolveDag(ctx, containerRunId, layout, normal)
            : layout.ParallelTasks
                ? ResolveParallel(ctx, containerRunId, layout.Groups[0], layout.Limit, normal)
                : ResolveGroups(ctx, containerRunId, layout, normal);
        return done ? FinalState.Of(normal) : null;
    }

    /// <summary>Runs tasks one after another; true when the sequence is over (all terminated, or stopped by a failure).</summary>
    private static bool ResolveSequence(AdvanceContext ctx, string? containerRunId, ChildGroup group, List<TaskRun> runs)
    {
        var tasks = group.Tasks;
        if (tasks.Count == 0)
        {
            return true;
        }

        var mine = runs.Where(group.Owns).ToList();
        if (mine.Count == 0)
        {
            ctx.Create(tasks[0], containerRunId, group.Value, group.Iteration);
            return false;
        }

        if (mine.Any(r => !r.State.IsTerminated))
        {
            return false;
        }

        var lastIndex = mine.Select(r => IndexOf(tasks, r.TaskId)).Max();
        var last = mine.Last(r => IndexOf(tasks, r.TaskId) == lastIndex);
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
        var stopped = normal.Any(r => r.State.Current == StateType.FAILED);
        foreach (var group in layout.Groups)
        {
            var ids = group.Tasks.Select(t => t.Id).ToHashSet();
            var runs = normal.Where(r => group.Owns(r) && ids.Contains(r.TaskId)).ToList();
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
