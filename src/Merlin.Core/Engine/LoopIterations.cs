using Merlin.Core.Executions;
using Merlin.Core.Flows;
using Merlin.Core.Tasks;
using Merlin.Core.Templating;

namespace Merlin.Core.Engine;

/// <summary>
/// Kestra 2.0's Loop: iteration <c>i</c> (1-based in <c>taskrun.iteration</c>, <c>item.index</c> = i - 1) runs the
/// loop's tasks as one group whose task runs carry the item as <c>value</c>; its errors branch runs inside the failing
/// iteration. New iterations start in order, at most <c>concurrencyLimit</c> at once, until one fails or is killed
/// (with <c>transmitFailed</c>) or <c>breakWhen</c> renders truthy after an iteration. Then <c>finally</c> runs once
/// and the loop ends with its counts and the declared per-iteration <c>outputs</c>.
/// </summary>
internal static class LoopIterations
{
    public const string IterationCount = "iterationCount";

    /// <summary>The <c>kestra://</c> file <c>values</c> named, kept on the loop's task run while its lines are read.</summary>
    private const string ValuesUri = "valuesUri";

    /// <summary>The file's lines once the runtime read them (<see cref="ExecutionEvent.LoopValuesRead"/>): the loop's items.</summary>
    private const string FileValues = "values";

    private const string ValuesError = "valuesError";

    /// <summary>
    /// Counts the items; when <c>values</c> names a <c>kestra://</c> file (Kestra: one iteration per line), asks the runtime
    /// to read it — the pure engine cannot — and starts iterating once <see cref="ValuesRead"/> brings the lines.
    /// </summary>
    public static Dictionary<string, object?> StartOutputs(Loop loop, TaskRun run, AdvanceContext ctx, TemplateEngine templates, TemplateContext context)
    {
        if (FileUri(loop, templates, context) is { } uri)
        {
            ctx.Actions.Add(new ExecutionAction.ReadLoopValues(run.Id, uri));
            return new() { [ValuesUri] = uri };
        }

        return new() { [IterationCount] = Values(loop, templates, context).Count };
    }

    /// <summary>The runtime read the file: its lines become the items (or the loop fails with the reason).</summary>
    public static void ValuesRead(AdvanceContext ctx, ExecutionEvent.LoopValuesRead read)
    {
        if (ctx.Execution.FindTaskRun(read.TaskRunId) is not { } run || run.State.IsTerminated || ctx.Tree.Task(run.TaskId) is not Loop)
        {
            return;
        }

        var outputs = new Dictionary<string, object?>(run.Outputs ?? new Dictionary<string, object?>());
        if (read.Lines is { } lines)
        {
            outputs[FileValues] = lines.ToList<object?>();
            outputs[IterationCount] = lines.Count;
        }
        else
        {
            outputs[ValuesError] = read.Error ?? "the file could not be read";
        }

        ctx.Update(run with { Outputs = outputs });
    }

    /// <summary>On recovery, a loop still waiting for its file's lines asks for them again (the read may have been lost).</summary>
    public static void Recover(AdvanceContext ctx)
    {
        foreach (var run in ctx.Execution.TaskRunList.Where(r => r.State.Current == StateType.RUNNING && ctx.Tree.Task(r.TaskId) is Loop))
        {
            if (run.Outputs?.GetValueOrDefault(ValuesUri) is string uri && !run.Outputs.ContainsKey(FileValues) && !run.Outputs.ContainsKey(ValuesError))
            {
                ctx.Actions.Add(new ExecutionAction.ReadLoopValues(run.Id, uri));
            }
        }
    }

    public static void Resolve(AdvanceContext ctx, Loop loop, TaskRun run, TemplateEngine templates)
    {
        if (Items(ctx, loop, run, templates) is not { } items)
        {
            return; // the file's lines are not read yet
        }

        var tasks = ChildLayout.Enabled(loop.Tasks);
        var errors = ChildLayout.Enabled(loop.Errors ?? []);
        var children = ctx.ChildrenOf(run.Id).ToList();
        var byIteration = children.Where(c => c.Iteration is not null).ToLookup(c => c.Iteration!.Value);
        var started = byIteration.Count;
        var ended = new List<(int Index, StateType State)>();
        var active = 0;
        var stop = tasks.Count == 0;
        for (var i = 0; i < items.Count; i++)
        {
            var runs = byIteration[i + 1].ToList();
            if (runs.Count == 0)
            {
                if (!stop && (loop.ConcurrencyLimit <= 0 || active < loop.ConcurrencyLimit))
                {
                    ctx.Create(tasks[0], run.Id, items[i], i + 1);
                    active++;
                    started++;
                }

                continue;
            }

            if (Iteration(ctx, run.Id, new ChildGroup(tasks, items[i], i + 1), new ChildGroup(errors, items[i], i + 1), runs) is not { } state)
            {
                active++;
                continue;
            }

            ended.Add((i, state));
            stop |= (loop.TransmitFailed && state is StateType.FAILED or StateType.KILLED)
                    || (!stop && started < items.Count && Breaks(ctx, loop, runs, state, templates));
        }

        if (ended.Count < started)
        {
            return;
        }

        var finallyTasks = ChildLayout.Enabled(loop.Finally ?? []);
        var finallyRuns = children.Where(c => c.Iteration is null).ToList();
        if (finallyTasks.Count > 0 && !ChildResolver.ResolveSequence(ctx, run.Id, new ChildGroup(finallyTasks, null), finallyRuns))
        {
            return;
        }

        End(ctx, loop, ctx.Execution.FindTaskRun(run.Id)!, items, ended, finallyRuns, byIteration, templates);
    }

    /// <summary>An iteration's state once it is over (its tasks, then its errors branch after a failure), else null.</summary>
    private static StateType? Iteration(AdvanceContext ctx, string loopRunId, ChildGroup group, ChildGroup errors, List<TaskRun> runs)
    {
        var errorIds = errors.Tasks.Select(t => t.Id).ToHashSet();
        var normal = runs.Where(r => !errorIds.Contains(r.TaskId)).ToList();
        var handling = runs.Where(r => errorIds.Contains(r.TaskId)).ToList();
        var failed = normal.Any(r => r.State.Current == StateType.FAILED) && normal.All(r => r.State.Current != StateType.RETRYING);
        if (handling.Count > 0 || failed)
        {
            return normal.All(r => r.State.IsTerminated) && ChildResolver.ResolveSequence(ctx, loopRunId, errors, handling)
                ? FinalState.Of(normal)
                : null;
        }

        return ChildResolver.ResolveSequence(ctx, loopRunId, group, normal) ? FinalState.Of(normal) : null;
    }

    /// <summary><c>breakWhen</c> in the iteration's scope, with <c>iteration.state</c> and <c>iteration.outputs</c>.</summary>
    private static bool Breaks(AdvanceContext ctx, Loop loop, List<TaskRun> runs, StateType state, TemplateEngine templates)
    {
        if (loop.BreakWhen is not { } condition)
        {
            return false;
        }

        var variables = ctx.ClearVariables(loop, runs[0]);
        variables["iteration"] = new Dictionary<string, object?>
        {
            ["executionId"] = ctx.Execution.Id,
            ["state"] = state.ToString(),
            ["outputs"] = variables["outputs"],
        };
        return Truthiness.IsTruthy(templates.Render(condition, ctx.Template(variables)));
    }

    private static void End(AdvanceContext ctx, Loop loop, TaskRun run, List<string> items, List<(int Index, StateType State)> ended,
        List<TaskRun> finallyRuns, ILookup<int, TaskRun> byIteration, TemplateEngine templates)
    {
        var outputs = new Dictionary<string, object?>
        {
            [IterationCount] = items.Count,
            ["runningIterations"] = 0,
            ["terminatedIterations"] = ended.GroupBy(e => e.State.ToString()).ToDictionary(g => g.Key, g => (object?)g.Count()),
        };
        var state = loop.TransmitFailed ? Worst(ended.Select(e => e.State)) : StateType.SUCCESS;
        state = Worst([state, FinalState.Of(finallyRuns)]);
        if (loop.Outputs is { } declared)
        {
            try
            {
                outputs["outputs"] = ended.Select(e => IterationOutputs(ctx, loop, declared, items[e.Index], e.Index, byIteration[e.Index + 1].First(), templates)).ToList();
            }
            catch (Exception e) when (e is TemplateException or FormatException)
            {
                ctx.Actions.Add(new ExecutionAction.Log(run.Id, run.TaskId, LogLevel.ERROR, "Failed to render the loop outputs: " + e.Message));
                state = StateType.FAILED;
            }
        }

        ctx.Update(run.WithState(FinalState.Adjust(loop, state), ctx.Now) with { Outputs = outputs });
    }

    private static object? IterationOutputs(AdvanceContext ctx, Loop loop, List<OutputDefinition> declared, string value, int index,
        TaskRun member, TemplateEngine templates)
    {
        var context = ctx.Template(ctx.Variables(loop, member));
        var values = new Dictionary<string, object?>();
        foreach (var output in declared)
        {
            values[output.Id] = OutputTypes.Convert(output.Type, templates.RenderValue(output.Value, context), output.Id);
        }

        return new Dictionary<string, object?>
        {
            ["item"] = new Dictionary<string, object?> { ["value"] = value, ["iteration"] = index + 1, ["key"] = Key(loop, index + 1) },
            ["outputs"] = values,
        };
    }

    private static StateType Worst(IEnumerable<StateType> states)
    {
        var set = states.ToHashSet();
        return set.Contains(StateType.KILLED) ? StateType.KILLED
            : set.Contains(StateType.FAILED) ? StateType.FAILED
            : set.Contains(StateType.WARNING) ? StateType.WARNING
            : StateType.SUCCESS;
    }

    /// <summary>The key of an iteration when <c>values</c> is a map (one iteration per entry, in order), else null.</summary>
    public static string? Key(Loop loop, int iteration) =>
        loop.Values is IDictionary<string, object?> map && iteration >= 1 && iteration <= map.Count ? map.Keys.ElementAt(iteration - 1) : null;

    /// <summary>The items: the lines of the file once read, else the rendered values; null while the file is being read.</summary>
    private static List<string>? Items(AdvanceContext ctx, Loop loop, TaskRun run, TemplateEngine templates)
    {
        if (run.Outputs?.GetValueOrDefault(ValuesError) is string error)
        {
            throw new FlowableException($"Loop '{loop.Id}': cannot read the values file {run.Outputs.GetValueOrDefault(ValuesUri)}: {error}");
        }

        if (run.Outputs?.GetValueOrDefault(FileValues) is IEnumerable<object?> lines)
        {
            return lines.Select(l => ctx.MaskSecrets(l?.ToString() ?? "")).ToList();
        }

        return run.Outputs?.ContainsKey(ValuesUri) == true
            ? null
            : Values(loop, templates, ctx.Template(ctx.ClearVariables(loop, run))).Select(ctx.MaskSecrets).ToList();
    }

    /// <summary>The <c>kestra://</c> URI <c>values</c> renders to, when it names a file.</summary>
    private static string? FileUri(Loop loop, TemplateEngine templates, TemplateContext context) =>
        loop.Values is string text && templates.Render(text, context).Trim() is var rendered && rendered.StartsWith("kestra://", StringComparison.Ordinal)
            ? rendered
            : null;

    private static List<string> Values(Loop loop, TemplateEngine templates, TemplateContext context)
    {
        var values = loop.Values is IDictionary<string, object?> map ? map.Values.ToList() : loop.Values;
        return FlowableLayouts.RenderValues(values, templates, context).ToList();
    }
}
