using System.Runtime.CompilerServices;
using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;

namespace Merlin.Core.Engine;

/// <summary>
/// What a template sees around Kestra 2.0 Loop iterations, which Kestra runs as isolated sub-executions: inside an
/// iteration, <c>item</c> (value, index, parent, parents) and the outputs of the task runs outside any loop plus those
/// of its own iteration, addressed without the loop value level; outside, no output from inside a loop.
/// </summary>
internal static class LoopScope
{
    private static readonly ConditionalWeakTable<Flow, StrongBox<bool>> HasLoop = [];

    /// <summary>One enclosing loop iteration: the loop's task run and the iteration's first child task run.</summary>
    private readonly record struct Frame(string LoopRunId, string? Value, int Iteration, string? Key);

    public static bool Applies(Flow flow) =>
        HasLoop.GetValue(flow, f => new StrongBox<bool>(f.AllTasks().Any(t => t is Loop))).Value;

    /// <summary>Adds <c>item</c> and replaces <c>outputs</c> with the scope of <paramref name="taskRun"/>.</summary>
    public static void Apply(Flow flow, Execution execution, TaskRun? taskRun, Dictionary<string, object?> variables)
    {
        var tree = TaskTree.Of(flow);
        var frames = taskRun is null ? [] : Frames(tree, execution, taskRun, out _);
        var visible = new List<(TaskRun Run, List<string> Values)>();
        foreach (var run in execution.TaskRunList.Where(r => r.Outputs is not null))
        {
            var own = Frames(tree, execution, run, out var values);
            if (own.Count <= frames.Count && own.SequenceEqual(frames.Skip(frames.Count - own.Count)))
            {
                visible.Add((run, values));
            }
        }

        variables["outputs"] = RunVariables.Nest(visible);
        if (frames.Count > 0)
        {
            var items = frames.Select(f => (object?)Item(f)).ToList();
            var item = new Dictionary<string, object?>((Dictionary<string, object?>)items[0]!);
            if (items.Count > 1)
            {
                item["parent"] = items[1];
                item["parents"] = items.Skip(1).ToList();
            }

            variables["item"] = item;
        }
    }

    private static Dictionary<string, object?> Item(Frame frame)
    {
        var item = new Dictionary<string, object?> { ["value"] = frame.Value, ["index"] = frame.Iteration - 1 };
        if (frame.Key is { } key)
        {
            item["key"] = key;
        }

        return item;
    }

    /// <summary>
    /// The loop iterations around a task run, innermost first, and its value path without the loop levels
    /// (the values of ForEach-like ancestors, outermost first).
    /// </summary>
    private static List<Frame> Frames(TaskTree tree, Execution execution, TaskRun run, out List<string> values)
    {
        var frames = new List<Frame>();
        values = [];
        for (var current = run; current is not null;)
        {
            var parent = current.ParentTaskRunId is { } p ? execution.FindTaskRun(p) : null;
            if (parent is not null && current.Iteration is { } iteration && tree.Task(parent.TaskId) is Loop loop)
            {
                frames.Add(new Frame(parent.Id, current.Value, iteration, LoopIterations.Key(loop, iteration)));
            }
            else if (current.Value is { } value)
            {
                values.Insert(0, value);
            }

            current = parent;
        }

        return frames;
    }
}
