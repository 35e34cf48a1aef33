using Merlin.Core.Executions;
using Merlin.Core.Flows;

namespace Merlin.Core.Engine;

/// <summary>
/// The variables a template sees while a task runs (Kestra's run context): flow, execution, task, taskrun,
/// inputs, outputs, parents, tasks, trigger, vars, labels, envs.
/// </summary>
public static class RunVariables
{
    /// <summary>Kestra's <c>envs</c>: server variables prefixed <c>KESTRA_</c>, prefix removed, lower-cased; read once.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, object?>> ProcessEnvs = new(() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Where(e => e.Key is string k && k.StartsWith("KESTRA_", StringComparison.Ordinal) && e.Value is string)
            .ToDictionary(e => ((string)e.Key)["KESTRA_".Length..].ToLowerInvariant(), e => (object?)e.Value));

    public static Dictionary<string, object?> For(Flow flow, Execution execution, TaskDefinition? task = null, TaskRun? taskRun = null, IReadOnlyDictionary<string, object?>? envs = null)
    {
        var variables = new Dictionary<string, object?>
        {
            ["flow"] = new Dictionary<string, object?> { ["id"] = flow.Id, ["namespace"] = flow.Namespace, ["revision"] = (long)flow.Revision },
            ["execution"] = new Dictionary<string, object?>
            {
                ["id"] = execution.Id,
                ["startDate"] = execution.State.StartDate,
                ["originalId"] = execution.OriginalId,
            },
            ["outputs"] = Outputs(execution),
            ["tasks"] = TaskStates(execution),
            ["vars"] = flow.Variables,
            ["labels"] = Labels(execution),
            ["envs"] = envs ?? ProcessEnvs.Value,
        };

        var inputs = Inputs(flow, execution);
        if (inputs.Count > 0)
        {
            variables["inputs"] = inputs;
        }

        if (execution.Trigger is { } trigger)
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

        if (LoopScope.Applies(flow))
        {
            LoopScope.Apply(flow, execution, taskRun, variables);
        }

        if (task is not null)
        {
            variables["task"] = new Dictionary<string, object?> { ["id"] = task.Id, ["type"] = task.Type };
        }

        if (taskRun is not null)
        {
            variables["taskrun"] = TaskRunMap(taskRun);
            var parents = Parents(execution, taskRun);
            if (parents.Count > 0)
            {
                variables["parents"] = parents;
                variables["parent"] = parents[0];
            }
        }

        return variables;
    }

    public static Dictionary<string, object?> TaskRunMap(TaskRun taskRun)
    {
        var map = new Dictionary<string, object?>
        {
            ["id"] = taskRun.Id,
            ["startDate"] = taskRun.State.StartDate,
            ["attemptsCount"] = (long)taskRun.Attempts.Count,
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
            var entry = new Dictionary<string, object?>
            {
                ["taskrun"] = parent.Value is { } v ? new Dictionary<string, object?> { ["value"] = v } : new Dictionary<string, object?>(),
                ["outputs"] = parent.Outputs ?? new Dictionary<string, object?>(),
            };
            parents.Add(entry);
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

    private static Dictionary<string, object?> Labels(Execution execution)
    {
        var labels = new Dictionary<string, object?>();
        foreach (var label in execution.Labels)
        {
            labels.TryAdd(label.Key, label.Value);
        }

        return labels;
    }
}
