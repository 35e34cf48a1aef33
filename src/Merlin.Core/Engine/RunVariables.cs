using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// The variables a template sees while a task runs (Kestra's run context): flow, execution, task, taskrun,
/// inputs, outputs, parents, tasks, trigger, vars, labels, envs.
/// </summary>
public static class RunVariables
{
    private static readonly IReadOnlyDictionary<string, object?> NoEnvs = new Dictionary<string, object?>();

    /// <summary>
    /// The variables of a run; <paramref name="envs"/> is Kestra's <c>envs</c> (<see cref="EngineEnvironment.Envs"/>),
    /// which the runtime reads from the process: nothing here reads the environment.
    /// </summary>
    public static Dictionary<string, object?> For(Flow flow, Execution execution, TaskDefinition? task = null, TaskRun? taskRun = null, IReadOnlyDictionary<string, object?>? envs = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["flow"] = new Dictionary<string, object?> { ["id"] = flow.Id, ["namespace"] = flow.Namespace, ["revision"] = (long)flow.Revision },
            ["execution"] = new Dictionary<string, object?>
            {
                ["id"] = execution.Id,
                // Kestra's execution dates carry milliseconds (2024-01-01T10:00:00.123Z).
                ["startDate"] = TruncateToMilliseconds(execution.State.StartDate),
                ["originalId"] = execution.OriginalId,
            },
            ["outputs"] = Outputs(execution),
            ["tasks"] = TaskStates(execution),
            ["vars"] = flow.Variables,
            ["labels"] = Labels(execution),
            ["envs"] = envs ?? NoEnvs,
        };

        var inputs = Inputs(flow, execution);
        if (inputs.Count > 0)
        {
            variables["inputs"] = inputs;
        }

        if ((execution.Trigger ?? execution.LoopRun?.Trigger) is { } trigger)
        {
            variables["trigger"] = trigger.Variables;
        }

        if (execution.Variables is { } legacy)
        {
            foreach (var (key, value) in legacy)
            {
                variables.TryAdd(key, value);
            }
        }

        if (execution.LoopRun is { } loopRun)
        {
            LoopScope.Apply(loopRun, variables);
        }

        if (task is not null)
        {
            variables["task"] = new Dictionary<string, object?> { ["id"] = task.Id, ["type"] = task.Type };
        }

        if (taskRun is not null)
        {
            var taskrun = TaskRunMap(taskRun);
            var parentsOf = taskRun;
            if (WorkingDirectoryOf(flow, execution, taskRun) is { } worker)
            {
                // Kestra runs a WorkingDirectory's tasks in the directory's own run context: its task run is
                // workerTaskrun, its value is theirs, and its parents are their parents.
                var workerTaskrun = TaskRunMap(worker);
                variables["workerTaskrun"] = workerTaskrun;
                if (worker.Value is { } value)
                {
                    taskrun["value"] = value;
                }

                parentsOf = worker;
            }

            variables["taskrun"] = taskrun;
            var parents = Parents(execution, parentsOf);
            if (parents.Count > 0)
            {
                variables["parents"] = parents;
                variables["parent"] = parents[0];
            }
        }

        return variables;
    }

    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset date) =>
        new(date.UtcTicks - (date.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static TaskRun? WorkingDirectoryOf(Flow flow, Execution execution, TaskRun taskRun) =>
        taskRun.ParentTaskRunId is { } parentId && execution.FindTaskRun(parentId) is { } parent
        && TaskTree.Of(flow).Contains(parent.TaskId) && TaskTree.Of(flow).Task(parent.TaskId) is Tasks.WorkingDirectory
            ? parent
            : null;

    public static Dictionary<string, object?> TaskRunMap(TaskRun taskRun)
    {
        var map = new Dictionary<string, object?>
        {
            ["id"] = taskRun.Id,
            ["startDate"] = taskRun.State.StartDate,
            // Kestra counts the attempts before the one running (0 on the first run, 1 after a restart or a retry).
            ["attemptsCount"] = (long)taskRun.Attempts.Count(a => a.State.IsTerminated),
        };
        if (taskRun.ParentTaskRunId is { } parentId)
        {
            map["parentId"] = parentId;
        }

        if (taskRun.Value is { } value)
        {
            map["value"] = value;
        }

        if (taskRun.Iteration is { } iteration)
        {
            map["iteration"] = (long)iteration;
        }

        return map;
    }

    /// <summary>Task outputs by task id, with one extra map level per valued ancestor (loop iterations).</summary>
    public static Dictionary<string, object?> Outputs(Execution execution) =>
        Nest(execution.TaskRunList.Where(r => r.Outputs is not null).Select(r => (r, ValueChain(execution, r))));

    /// <summary>Outputs by task id, nested by each run's value path.</summary>
    internal static Dictionary<string, object?> Nest(IEnumerable<(TaskRun Run, List<string> Values)> runs)
    {
        var outputs = new Dictionary<string, object?>();
        foreach (var (run, values) in runs)
        {
            if (values.Count == 0)
            {
                outputs[run.TaskId] = run.Outputs;
                continue;
            }

            var level = outputs.TryGetValue(run.TaskId, out var existing) && existing is Dictionary<string, object?> d ? d : [];
            outputs[run.TaskId] = level;
            for (var i = 0; i < values.Count - 1; i++)
            {
                var next = level.TryGetValue(values[i], out var n) && n is Dictionary<string, object?> nd ? nd : [];
                level[values[i]] = next;
                level = next;
            }

            level[values[^1]] = run.Outputs;
        }

        return outputs;
    }

    /// <summary>Loop values from the outermost ancestor down to the task run itself.</summary>
    public static List<string> ValueChain(Execution execution, TaskRun run)
    {
        var values = new List<string>();
        for (var current = run; current is not null; current = current.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null)
        {
            if (current.Value is { } value)
            {
                values.Insert(0, value);
            }
        }

        return values;
    }

    private static List<object?> Parents(Execution execution, TaskRun taskRun)
    {
        var parents = new List<object?>();
        for (var parent = taskRun.ParentTaskRunId is { } id ? execution.FindTaskRun(id) : null; parent is not null;
             parent = parent.ParentTaskRunId is { } pid ? execution.FindTaskRun(pid) : null)
        {
            // As Kestra: only the parents with a value or outputs are listed, each with just what it has.
            var entry = new Dictionary<string, object?>();
            if (parent.Value is { } v)
            {
                entry["taskrun"] = new Dictionary<string, object?> { ["value"] = v };
            }

            if (parent.Outputs is { Count: > 0 } outputs)
            {
                entry["outputs"] = outputs;
            }

            if (entry.Count > 0)
            {
                parents.Add(entry);
            }
        }

        return parents;
    }

    private static Dictionary<string, object?> TaskStates(Execution execution)
    {
        var tasks = new Dictionary<string, object?>();
        foreach (var run in execution.TaskRunList)
        {
            var state = new Dictionary<string, object?> { ["state"] = run.State.Current.ToString() };
            if (run.Value is { } value)
            {
                var byValue = tasks.TryGetValue(run.TaskId, out var e) && e is Dictionary<string, object?> d ? d : [];
                byValue[value] = state;
                tasks[run.TaskId] = byValue;
            }
            else
            {
                tasks[run.TaskId] = state;
            }
        }

        return tasks;
    }

    private static Dictionary<string, object?> Inputs(Flow flow, Execution execution)
    {
        var inputs = execution.Inputs is { } typed ? new Dictionary<string, object?>(typed) : [];
        foreach (var input in flow.Inputs.Where(i => i.Defaults is not null && !i.Id.Contains('.', StringComparison.Ordinal)))
        {
            inputs.TryAdd(input.Id, input.Defaults);
        }

        return inputs;
    }

    /// <summary>
    /// Labels by key (the first of a repeated key wins); <c>system.*</c> labels are also nested under <c>system</c>, so
    /// <c>labels.system.correlationId</c> reads as in Kestra.
    /// </summary>
    private static Dictionary<string, object?> Labels(Execution execution)
    {
        var labels = new Dictionary<string, object?>();
        var system = new Dictionary<string, object?>();
        foreach (var label in execution.Labels)
        {
            labels.TryAdd(label.Key, label.Value);
            if (SystemLabels.IsSystem(label.Key))
            {
                system.TryAdd(label.Key[SystemLabels.Prefix.Length..], label.Value);
            }
        }

        if (system.Count > 0)
        {
            labels.TryAdd("system", system);
        }

        return labels;
    }
}
